using System.CommandLine;
using Cchc.Cli.Options;
using Cchc.Cli.Rpc;
using Grpc.Core;
using Spectre.Console;

namespace Cchc.Cli.Commands;

/// <summary>Runs a command's body against the server and turns every failure into a message a person can act on.</summary>
internal static class CommandRunner
{
    public static void SetServerAction(this Command command, CliContext context, GlobalOptions global, Func<ParseResult, CchcConnection, CancellationToken, Task<int>> body) =>
        command.SetAction((result, cancellationToken) => RunAsync(context, global, result, body, cancellationToken));

    public static async Task<int> RunAsync(
        CliContext context, GlobalOptions global, ParseResult result, Func<ParseResult, CchcConnection, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(body);
        var console = context.Console;
        var servers = result.GetRequiredValue(global.Server);
        try
        {
            using var connection = new CchcConnection(servers, result.GetValue(global.Token));
            return await body(result, connection, cancellationToken);
        }
        catch (CliInputException ex)
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {ex.Message}");
            foreach (var line in ex.Details)
            {
                console.MarkupLineInterpolated($"  [red]•[/] {line}");
            }

            console.MarkupLine("[grey]Nothing was sent to the server.[/]");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            console.MarkupLine("[grey]Interrupted.[/]");
            return ExitCodes.Cancelled;
        }
        catch (RpcException ex)
        {
            Report(console, servers, ex);
            return ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded ? ExitCodes.Unavailable : ExitCodes.Refused;
        }
    }

    public static void Report(IAnsiConsole console, IReadOnlyList<Uri> servers, RpcException ex)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(ex);
        var where = servers.Count == 1 ? $"the server at {servers[0]}" : $"the cluster at {string.Join(", ", servers)}";
        var hint = ex.StatusCode switch
        {
            StatusCode.Unavailable => $"Cannot reach {where}. Start it, or pass --server (or set {GlobalOptions.ServerVariable}).",
            StatusCode.DeadlineExceeded => $"{Capitalized(where)} did not answer in time.",
            StatusCode.Unauthenticated => $"The server wants a valid token: pass --token or set {GlobalOptions.TokenVariable}.",
            StatusCode.PermissionDenied => "The token is valid but not allowed to do this.",
            StatusCode.Unimplemented => $"{Capitalized(where)} does not serve this method; is it a CchcGrpc server of this version?",
            _ => null,
        };
        var headline = ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded ? "The call failed" : "The server refused";
        console.MarkupLineInterpolated($"[red]{headline} ({StatusName(ex.StatusCode)}):[/]");
        foreach (var line in ex.Status.Detail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            console.MarkupLineInterpolated($"  [red]•[/] {line}");
        }

        if (hint is not null)
        {
            console.MarkupLineInterpolated($"[yellow]{hint}[/]");
        }
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The status as the gRPC spec spells it, e.g. INVALID_ARGUMENT.</summary>
    public static string StatusName(StatusCode code)
    {
        var name = code.ToString();
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }
}
