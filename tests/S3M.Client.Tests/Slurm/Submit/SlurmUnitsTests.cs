using S3M.Slurm;
using static S3M.Client.Tests.Slurm.Submit.SubmitKit;

namespace S3M.Client.Tests.Slurm.Submit;

public class SlurmUnitsTests
{
    [Theory]
    [InlineData("30", 30L)]
    [InlineData(" 45 ", 45L)]
    [InlineData("90", 90L)]
    [InlineData("10:00", 10L)]
    [InlineData("10:30", 11L)]
    [InlineData("0:30", 1L)]
    [InlineData("1:00:00", 60L)]
    [InlineData("1:30:00", 90L)]
    [InlineData("0:0:59", 1L)]
    [InlineData("1:90:00", 150L)]
    [InlineData("1-0", 1440L)]
    [InlineData("1-12", 2160L)]
    [InlineData("2-00:00", 2880L)]
    [InlineData("1-1:1", 1501L)]
    [InlineData("1-1:1:1", 1502L)]
    [InlineData("2147483647", 2147483647L)]
    public void Reads_every_slurm_time_form_in_whole_minutes(string text, long minutes)
    {
        Assert.Equal(minutes, SlurmTime.ParseMinutes(text));
    }

    [Theory]
    [InlineData("UNLIMITED")]
    [InlineData("unlimited")]
    [InlineData("INFINITE")]
    [InlineData("0")]
    [InlineData("0:00:00")]
    public void Reads_no_limit(string text)
    {
        Assert.Same(SlurmUnlimited.Value, SlurmTime.ParseMinutes(text));
    }

    [Theory]
    [InlineData("", "not a Slurm time")]
    [InlineData("abc", "not a Slurm time")]
    [InlineData("1:2:3:4", "not a Slurm time")]
    [InlineData("1-2:3:4:5", "not a Slurm time")]
    [InlineData("-5", "not a Slurm time")]
    [InlineData("-1", "not a Slurm time")]
    [InlineData("1-", "not a Slurm time")]
    [InlineData("1-2-3", "not a Slurm time")]
    [InlineData(":30", "not a Slurm time")]
    [InlineData("1:", "not a Slurm time")]
    [InlineData("1.5", "not a Slurm time")]
    [InlineData("١٢", "not a Slurm time")]
    [InlineData("2147483648", "longer than Slurm can hold")]
    [InlineData("99999999999999999999", "longer than Slurm can hold")]
    [InlineData("9999999999-0", "longer than Slurm can hold")]
    public void Refuses_what_is_not_a_slurm_time(string text, string fragment)
    {
        var e = Assert.Throws<BadValue>(() => SlurmTime.ParseMinutes(text));
        Assert.Contains(fragment, e.Message);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("512", 512L)]
    [InlineData("512M", 512L)]
    [InlineData("512MB", 512L)]
    [InlineData("1G", 1024L)]
    [InlineData("1g", 1024L)]
    [InlineData("4GB", 4096L)]
    [InlineData("1T", 1048576L)]
    [InlineData("1K", 1L)]
    [InlineData("1024K", 1L)]
    [InlineData("1025K", 2L)]
    [InlineData("2048k", 2L)]
    [InlineData(" 8G ", 8192L)]
    public void Reads_memory_in_mebibytes_rounding_up(string text, long mib)
    {
        Assert.Equal(mib, SlurmMemory.ParseMiB(text));
    }

    [Theory]
    [InlineData("", "not a memory size")]
    [InlineData("5X", "not a memory size")]
    [InlineData("1.5G", "not a memory size")]
    [InlineData("-1", "not a memory size")]
    [InlineData("G", "not a memory size")]
    [InlineData("1GiB", "not a memory size")]
    [InlineData("1 G", "not a memory size")]
    [InlineData("9999999999999T", "more memory than Slurm can hold")]
    [InlineData("99999999999999999999", "more memory than Slurm can hold")]
    public void Refuses_what_is_not_a_memory_size(string text, string fragment)
    {
        var e = Assert.Throws<BadValue>(() => SlurmMemory.ParseMiB(text));
        Assert.Contains(fragment, e.Message);
    }
}

public class BeginTimeTests
{
    private static readonly long NowSeconds = Now.ToUnixTimeSeconds();

    /// <summary>(text, Unix seconds) read at Tuesday 2026-03-10 14:30:15 UTC.</summary>
    public static TheoryData<string, long> Readable => new()
    {
        { "now", NowSeconds },
        { "now+60", NowSeconds + 60 },
        { "now+1hour", NowSeconds + 3600 },
        { "NOW+1HOUR", NowSeconds + 3600 },
        { "now + 1 hour", NowSeconds + 3600 },
        { "now+30minutes", NowSeconds + 1800 },
        { "now+2days", NowSeconds + 2 * 86400 },
        { "now+1week", NowSeconds + 7 * 86400 },
        { "now+90seconds", NowSeconds + 90 },
        { "now-1hour", NowSeconds - 3600 },
        { "16:00", Unix(2026, 3, 10, 16) },
        { "16:00:30", Unix(2026, 3, 10, 16, 0, 30) },
        { "14:31", Unix(2026, 3, 10, 14, 31) },
        { "14:30", Unix(2026, 3, 11, 14, 30) },
        { "9:05", Unix(2026, 3, 11, 9, 5) },
        { "4:00pm", Unix(2026, 3, 10, 16) },
        { "4:00 PM", Unix(2026, 3, 10, 16) },
        { "12:00am", Unix(2026, 3, 11) },
        { "11:00am", Unix(2026, 3, 11, 11) },
        { "midnight", Unix(2026, 3, 11) },
        { "noon", Unix(2026, 3, 11, 12) },
        { "elevenses", Unix(2026, 3, 11, 11) },
        { "fika", Unix(2026, 3, 10, 15) },
        { "teatime", Unix(2026, 3, 10, 16) },
        { "today", Unix(2026, 3, 10) },
        { "tomorrow", Unix(2026, 3, 11) },
        { "tomorrow noon", Unix(2026, 3, 11, 12) },
        { "2026-12-01", Unix(2026, 12, 1) },
        { "2026-12-01T10:00", Unix(2026, 12, 1, 10) },
        { "2026-12-01T10:00:30", Unix(2026, 12, 1, 10, 0, 30) },
        { "2025-01-01", Unix(2025, 1, 1) },
        { "12/01", Unix(2026, 12, 1) },
        { "03/01", Unix(2027, 3, 1) },
        { "03/10", Unix(2027, 3, 10) },
        { "12/01/27", Unix(2027, 12, 1) },
        { "12/01/27-10:00", Unix(2027, 12, 1, 10) },
        { "1201", Unix(2026, 12, 1) },
        { "120127", Unix(2027, 12, 1) },
        { "12.01.27", Unix(2027, 12, 1) },
    };

    [Theory]
    [MemberData(nameof(Readable))]
    public void Reads_slurm_begin_times_against_the_clock(string text, long unixSeconds)
    {
        Assert.Equal(unixSeconds, BeginTime.Parse(text, Now));
    }

    [Fact]
    public void Reads_times_in_the_clock_offset()
    {
        var eastern = new DateTimeOffset(2026, 3, 10, 14, 30, 15, TimeSpan.FromHours(-5));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.FromHours(-5)).ToUnixTimeSeconds(), BeginTime.Parse("16:00", eastern));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(-5)).ToUnixTimeSeconds(), BeginTime.Parse("2026-12-01", eastern));
    }

    [Theory]
    [InlineData("")]
    [InlineData("someday")]
    [InlineData("25:00")]
    [InlineData("10:60")]
    [InlineData("10:00:60")]
    [InlineData("13:00pm")]
    [InlineData("2026-13-01")]
    [InlineData("1/32")]
    [InlineData("now+")]
    [InlineData("now+1h")]
    [InlineData("now+x")]
    [InlineData("nowish")]
    [InlineData("tomorrowx")]
    [InlineData("now+9999999999999weeks")]
    [InlineData("now+999999999999weeks")]
    public void Refuses_what_is_not_a_begin_time(string text)
    {
        var e = Assert.Throws<BadValue>(() => BeginTime.Parse(text, Now));
        Assert.Contains("not a Slurm begin time", e.Message);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("02/30")]
    [InlineData("0000-01-01")]
    public void Refuses_dates_that_do_not_exist(string text)
    {
        var e = Assert.Throws<BadValue>(() => BeginTime.Parse(text, Now));
        Assert.Contains("not a date that exists", e.Message);
    }
}
