using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Cchc.Cli.Options;
using Cchc.Security;
using Cchc.Security.Tokens;
using Spectre.Console;

namespace Cchc.Cli.Commands;

/// <summary>
/// <c>cchc token --role ROLE [--province NN] [--district NNN] [--commune NNNNN] [--lifetime 8h] (--key BASE64 | --data-dir DIR)</c>:
/// a development token signed with the server's key, printed alone on a line so <c>export CCHC_TOKEN=$(cchc token ...)</c> works.
/// Production tokens come from the organisation's identity provider.
/// </summary>
internal sealed class TokenCommand : Command
{
    public TokenCommand(CliContext context)
        : base("token", "Issue a development token signed with the server's key (a local setup); prints only the token.")
    {
        Add(Role);
        Add(Province);
        Add(District);
        Add(Commune);
        Add(Subject);
        Add(DisplayName);
        Add(Lifetime);
        Add(Key);
        Add(DataDir);
        Add(Issuer);
        Add(Audience);
        Validators.Add(r =>
        {
            if ((r.GetResult(Key) is null) == (r.GetResult(DataDir) is null))
            {
                r.AddError("Give --key BASE64 (the server's Auth:SigningKeys or --auth-key) or --data-dir DIR (the server's data directory), one of them.");
            }
        });
        SetAction(result => Run(context, result));
    }

    public Option<CchcRole> Role { get; } = new("--role")
    {
        Description = "commune-officer, appraiser, province-admin, viewer or national-viewer.",
        HelpName = "role",
        Required = true,
        CustomParser = ParseRole,
    };

    public Option<string> Province { get; } = CliOptions.Province("The principal's province (every role but national-viewer).", required: false);

    public Option<string> District { get; } = CliOptions.Code("--district", "The district of an appraiser of a district (up to 2024); leave out for a province appraiser.", required: false, 3);

    public Option<string> Commune { get; } = CliOptions.Commune(required: false);

    public Option<string> Subject { get; } = new("--subject")
    {
        Description = "The token's subject, as the audit log records it. Default: dev-ROLE-SCOPE.",
        HelpName = "name",
    };

    public Option<string> DisplayName { get; } = new("--name") { Description = "A display name (exact Vietnamese).", HelpName = "text" };

    public Option<TimeSpan> Lifetime { get; } = new("--lifetime")
    {
        Description = "How long the token is valid: 90m, 8h, 30d (at most 366d). Default: 8h.",
        HelpName = "duration",
        DefaultValueFactory = _ => TimeSpan.FromHours(8),
        CustomParser = ParseLifetime,
    };

    public Option<string> Key { get; } = new("--key")
    {
        Description = "The HMAC-SHA256 signing key, base64, as the server has it (Auth:SigningKeys first key, or --auth-key).",
        HelpName = "base64",
    };

    public Option<DirectoryInfo> DataDir { get; } = new("--data-dir")
    {
        Description = $"The server's data directory: its own key ({SigningKeyFile.FileName}), made at its first start when no key is configured.",
        HelpName = "dir",
    };

    public Option<string> Issuer { get; } = new("--issuer")
    {
        Description = "The issuer the server expects (Auth:Issuer). Default: cchc.",
        HelpName = "iss",
        DefaultValueFactory = _ => new CchcTokenOptions().Issuer,
    };

    public Option<string> Audience { get; } = new("--audience")
    {
        Description = "The audience the server expects (Auth:Audience). Default: cchc-api.",
        HelpName = "aud",
        DefaultValueFactory = _ => new CchcTokenOptions().Audience,
    };

    /// <summary>The principal the command line describes; throws <see cref="CliInputException"/> when its scope does not fit the role.</summary>
    public CchcPrincipal ToPrincipal(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var role = result.GetValue(Role);
        var (province, district, commune) = (result.GetValue(Province), result.GetValue(District), result.GetValue(Commune));
        var roleName = CchcRoleNames.Of(role).Replace('_', '-');
        var subject = result.GetValue(Subject) ?? $"dev-{roleName}" + ((commune ?? district ?? province) is { } scope ? "-" + scope : "");
        return CchcPrincipal.TryCreate(subject, role, province, district, commune, result.GetValue(DisplayName), out var principal, out var problem)
            ? principal
            : throw new CliInputException($"--role {roleName}: {problem}");
    }

    /// <summary>The signing key: --key as given, or the data directory's key file, which must exist.</summary>
    public string ToKey(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetValue(Key) is { } key)
        {
            return key.Trim();
        }

        return ReadKey(result.GetRequiredValue(DataDir).FullName);
    }

    /// <summary>The key file a server made in its data directory; never makes one (no server would check its tokens).</summary>
    public static string ReadKey(string directory)
    {
        var path = Path.Combine(directory, SigningKeyFile.FileName);
        if (!File.Exists(path))
        {
            // Making a key here would sign tokens no server checks; the server makes it at its first start.
            throw new CliInputException($"There is no signing key at {path}. Start cchc-server once with --data-dir {directory} (it makes the key), or pass --key.");
        }

        try
        {
            return SigningKeyFile.LoadOrCreate(directory, out _);
        }
        catch (Exception e) when (e is SecurityConfigurationException or IOException or UnauthorizedAccessException)
        {
            throw new CliInputException(e.Message, e);
        }
    }

    private int Run(CliContext context, ParseResult result)
    {
        try
        {
            var principal = ToPrincipal(result);
            var options = new CchcTokenOptions { Issuer = result.GetRequiredValue(Issuer), Audience = result.GetRequiredValue(Audience), SigningKeys = [ToKey(result)] };
            string token;
            try
            {
                token = new DevelopmentTokenIssuer(options, context.Time).Issue(principal, result.GetValue(Lifetime));
            }
            catch (SecurityConfigurationException e)
            {
                throw new CliInputException(e.Message.Replace("Auth:SigningKeys[0]", "--key", StringComparison.Ordinal), e);
            }

            // Written raw: the console would wrap a long token at its width.
            context.Console.Profile.Out.Writer.WriteLine(token);
            return ExitCodes.Success;
        }
        catch (CliInputException e)
        {
            context.Console.MarkupLineInterpolated($"[red]Error:[/] {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    private static CchcRole ParseRole(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (CchcRoleNames.TryParse(text.Replace('-', '_'), out var role))
        {
            return role;
        }

        result.AddError($"--role: '{text}' is not a role; use one of {string.Join(", ", CchcRoleNames.All.Select(n => n.Replace('_', '-')))}.");
        return CchcRole.Viewer;
    }

    private static TimeSpan ParseLifetime(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        TimeSpan? lifetime = text.Length > 1 && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? text[^1] switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => null,
            }
            : null;
        if (lifetime is { } value && value <= DevelopmentTokenIssuer.MaxLifetime)
        {
            return value;
        }

        result.AddError($"--lifetime: '{text}' is not a lifetime; give a whole number with s, m, h or d, e.g. 8h, up to 366d.");
        return TimeSpan.FromHours(8);
    }
}
