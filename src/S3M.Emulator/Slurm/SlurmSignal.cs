using System.Globalization;

namespace S3M.Emulator.Slurm;

/// <summary>A signal as <c>DELETE /job/{id}?signal=</c> names it: "SIGTERM", "TERM" or "15".</summary>
internal sealed record SlurmSignal(int Number, string Name)
{
    public static SlurmSignal Term { get; } = new(15, "SIGTERM");

    private static readonly SlurmSignal[] Known =
    [
        new(1, "SIGHUP"), new(2, "SIGINT"), new(3, "SIGQUIT"), new(6, "SIGABRT"), new(9, "SIGKILL"), new(10, "SIGUSR1"),
        new(12, "SIGUSR2"), new(14, "SIGALRM"), Term, new(18, "SIGCONT"), new(19, "SIGSTOP"), new(20, "SIGTSTP"),
    ];

    /// <summary>SIGTERM and SIGKILL cancel a job; any other signal is only delivered to it.</summary>
    public bool Cancels => Number is 9 or 15;

    /// <summary>The signal, or null when the word is not one; null or empty means SIGTERM, S3M's default.</summary>
    public static SlurmSignal? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Term;
        }

        var word = text.Trim().ToUpperInvariant();
        if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number is >= 1 and <= 64 ? Known.FirstOrDefault(s => s.Number == number) ?? new SlurmSignal(number, $"SIG{number}") : null;
        }

        var name = word.StartsWith("SIG", StringComparison.Ordinal) ? word : "SIG" + word;
        return Known.FirstOrDefault(s => s.Name == name);
    }
}
