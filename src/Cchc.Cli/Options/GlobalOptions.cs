using System.CommandLine;

namespace Cchc.Cli.Options;

/// <summary>The options every command takes: which server, and the bearer token.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultServer = "http://127.0.0.1:5000";
    public const string ServerVariable = "CCHC_SERVER";
    public const string TokenVariable = "CCHC_TOKEN";

    public GlobalOptions(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Server = new Option<Uri>("--server")
        {
            Description = $"The CchcGrpc server, http:// (cleartext HTTP/2) or https://. Default: ${ServerVariable}, else {DefaultServer}.",
            HelpName = "url",
            Recursive = true,
            CustomParser = r => ParseServer(r.Tokens[0].Value, "--server", r),
            DefaultValueFactory = r => ParseServer(environment(ServerVariable) is { Length: > 0 } s ? s : DefaultServer, ServerVariable, r),
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

    public Option<Uri> Server { get; }

    public Option<string?> Token { get; }

    private static Uri ParseServer(string text, string source, System.CommandLine.Parsing.ArgumentResult result)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"{source}: '{text}' is not a server address; give one like {DefaultServer} or https://cchc.example.gov.vn.");
        return new Uri(DefaultServer);
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
