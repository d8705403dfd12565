using S3M.Emulator.Slurm;

namespace S3M.Emulator.Tests.Slurm;

/// <summary>The small pieces the scheduler stands on: script reading, node lists, signal names.</summary>
public sealed class SlurmPartsTests
{
    [Theory]
    [InlineData("#!/bin/bash\necho hi\n", null, 0)]
    [InlineData("#!/bin/bash\nsleep 3\n", 3.0, 0)]
    [InlineData("#!/bin/bash\nsleep 0.5\n", 0.5, 0)]
    [InlineData("#!/bin/bash\n  sleep 2   # indented, with a comment\nsleep 1;\n", 3.0, 0)]
    [InlineData("#!/bin/bash\r\nsleep 2\r\nexit 4\r\n", 2.0, 4)]
    [InlineData("#!/bin/bash\nsleep 2m\nsleep 1h\n", 3720.0, 0)]
    [InlineData("#!/bin/bash\nsleep 5\nexit 3\nsleep 100\nexit 7\n", 5.0, 3)]
    [InlineData("#!/bin/bash\nexit\nsleep 9\n", null, 0)]
    [InlineData("#!/bin/bash\nexit 0\n", null, 0)]
    [InlineData("#!/bin/bash\nexit 257\n", null, 1)]
    [InlineData("#!/bin/bash\n# sleep 10\necho sleep 10\nsleep $N\nsleepy 4\n", null, 0)]
    [InlineData("#!/bin/bash\nexit_code=5\nexit 2 # done\n", null, 2)]
    public void AScriptsSleepsAndExitAreRead(string script, double? seconds, int exitCode)
    {
        var read = JobScript.Read(script);

        Assert.Equal(seconds, read.RunTime?.TotalSeconds);
        Assert.Equal(exitCode, read.ExitCode);
    }

    [Theory]
    [InlineData(new[] { 1 }, "odo01")]
    [InlineData(new[] { 1, 2 }, "odo[01-02]")]
    [InlineData(new[] { 3, 1, 2, 5, 7, 8 }, "odo[01-03,05,07-08]")]
    [InlineData(new int[0], "")]
    public void NodeListsAreCompressedAsSlurmWritesThem(int[] numbers, string expected)
    {
        Assert.Equal(expected, Hostlist.Format("odo", numbers));
    }

    [Theory]
    [InlineData(null, 15, "SIGTERM", true)]
    [InlineData("", 15, "SIGTERM", true)]
    [InlineData("SIGKILL", 9, "SIGKILL", true)]
    [InlineData("kill", 9, "SIGKILL", true)]
    [InlineData("9", 9, "SIGKILL", true)]
    [InlineData("SIGUSR1", 10, "SIGUSR1", false)]
    [InlineData("33", 33, "SIG33", false)]
    public void SignalsAreReadByNameOrNumber(string? text, int number, string name, bool cancels)
    {
        var signal = SlurmSignal.Parse(text)!;

        Assert.Equal((number, name, cancels), (signal.Number, signal.Name, signal.Cancels));
    }

    [Theory]
    [InlineData("SIGNOPE")]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("-9")]
    public void UnknownSignalsAreNotSignals(string text)
    {
        Assert.Null(SlurmSignal.Parse(text));
    }
}
