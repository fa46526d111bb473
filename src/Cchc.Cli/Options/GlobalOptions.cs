using System.CommandLine;
using Cchc.Api.Client;

namespace Cchc.Cli.Options;

/// <summary>The options every command takes: which server (or servers of one cluster), and the bearer token.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultServer = CchcChannel.ExampleServer;
    public const string ServerVariable = "CCHC_SERVER";
    public const string TokenVariable = "CCHC_TOKEN";

    public GlobalOptions(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Server = new Option<IReadOnlyList<Uri>>("--server")
        {
            Description = $"The CchcGrpc server, http:// (cleartext HTTP/2) or https://; for a cluster, several separated by commas " +
                $"(calls go round-robin to those that are up). Default: ${ServerVariable}, else {DefaultServer}.",
            HelpName = "url[,url...]",
            // The list is one token, split on commas: a space-separated second address would read as a command.
            Arity = ArgumentArity.ExactlyOne,
            Recursive = true,
            CustomParser = r => ParseServers(r.Tokens[0].Value, "--server", r),
            DefaultValueFactory = r => ParseServers(environment(ServerVariable) is { Length: > 0 } s ? s : DefaultServer, ServerVariable, r),
        };
        Token = new Option<string?>("--token")
        {
            Description = $"Bearer token sent as 'authorization: Bearer ...'. Default: ${TokenVariable}.",
            HelpName = "token",
            Recursive = true,
            CustomParser = r => CheckToken(r.Tokens[0].Value, "--token", r),
            DefaultValueFactory = r => environment(TokenVariable) is { Length: > 0 } t ? CheckToken(t, TokenVariable, r) : null,
        };
    }

    public Option<IReadOnlyList<Uri>> Server { get; }

    public Option<string?> Token { get; }

    private static IReadOnlyList<Uri> ParseServers(string text, string source, System.CommandLine.Parsing.ArgumentResult result)
    {
        try
        {
            return CchcChannel.ParseServers(text);
        }
        catch (FormatException ex)
        {
            result.AddError($"{source}: {ex.Message}");
            return [new Uri(DefaultServer)];
        }
    }

    private static string? CheckToken(string text, string source, System.CommandLine.Parsing.ArgumentResult result)
    {
        foreach (var c in text)
        {
            if (c is < '!' or > '~')
            {
                result.AddError($"{source}: the token must be printable ASCII without spaces, as HTTP headers require.");
                return null;
            }
        }

        return text;
    }
}
