namespace Cchc.Cli.Tests;

/// <summary>The cchc command line run in this process on a test console, as the tests that drive it call it.</summary>
internal static class InProcessCli
{
    /// <returns>The exit code and everything the command wrote.</returns>
    public static async Task<(int Code, string Output)> RunAsync(
        string commandLine, Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var console = new TestConsole();
        var context = new CliContext { Console = console.Console, Environment = environment ?? (_ => null), SamplesDirectory = Samples.Directory };
        var code = await CchcCli.CreateRootCommand(context).Parse(commandLine).InvokeAsync(cancellationToken: cancellationToken);
        return (code, console.Output);
    }

    /// <summary>A development token from the server's data directory, e.g. for "--role viewer --province 30".</summary>
    public static async Task<string> TokenAsync(CchcServerProcess server, string role)
    {
        var (code, output) = await RunAsync($"token --data-dir {server.DataDirectory} {role}");
        Assert.True(code == ExitCodes.Success, output);
        return output.Trim();
    }
}
