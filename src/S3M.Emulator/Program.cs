using S3M.Emulator;

var commandLine = CommandLine.Parse(args, out var error);
if (commandLine is null)
{
    Console.Error.WriteLine($"S3M.Emulator: {error}");
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

if (commandLine.ShowHelp)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

RunningEmulator emulator;
try
{
    emulator = await EmulatorHost.StartAsync(commandLine.Options);
}
catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
{
    Console.Error.WriteLine($"S3M.Emulator: {e.Message}");
    // An ArgumentException is an option the command line could not judge alone (a token folder open to others): a bad command line.
    return e is ArgumentException ? 2 : 1;
}

await using (emulator)
{
    // Scripts read these lines by their prefixes (docs/emulator.md): keep them exact, and in this order.
    Console.Out.WriteLine($"S3M emulator listening on {emulator.BaseUri.GetLeftPart(UriPartial.Authority)}");
    Console.Out.WriteLine($"Token files in {emulator.TokenDirectory}");
    Console.Out.WriteLine($"Control key in {emulator.ControlKeyPath}");
    Console.Out.Flush();

    if (commandLine.ExitOnStdinClose)
    {
        // A parent that dies closes our stdin: stop with it rather than linger.
        _ = Task.Run(async () =>
        {
            using var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (await stdin.ReadAsync(buffer) > 0)
            {
            }

            emulator.RequestStop();
        });
    }

    await emulator.WaitForShutdownAsync();
}

return 0;
