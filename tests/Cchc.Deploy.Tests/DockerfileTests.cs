using System.Xml.Linq;

namespace Cchc.Deploy.Tests;

/// <summary>
/// deploy/Dockerfile: dockerfile-utils' diagnostics (no image is built here: no Docker daemon on these machines), and
/// what it must agree with in the repository.
/// </summary>
public sealed class DockerfileTests
{
    private readonly Dockerfile _dockerfile = Dockerfile.Load();

    [Fact]
    public async Task The_Dockerfile_has_no_diagnostic_from_dockerfile_utils()
    {
        var (result, reports) = await NodeValidator.RunAsync("validate-dockerfile.mjs", [Repo.Dockerfile]);

        Assert.True(result.ExitCode == 0, $"dockerfile-utils: {result}");
        Assert.Equal(0, Assert.Single(reports).GetProperty("diagnostics").GetArrayLength());
    }

    [Fact]
    public async Task The_linter_reports_an_unknown_flag_a_bad_port_and_an_unknown_instruction()
    {
        var broken = Path.GetTempFileName();
        try
        {
            File.WriteAllText(broken, File.ReadAllText(Repo.Dockerfile)
                .Replace("COPY --from=build", "COPY --form=build", StringComparison.Ordinal)
                .Replace("EXPOSE 5000", "EXPOSE grpc", StringComparison.Ordinal)
                .Replace("WORKDIR /app", "WORKDIRR /app", StringComparison.Ordinal));

            var (result, reports) = await NodeValidator.RunAsync("validate-dockerfile.mjs", [broken]);

            Assert.Equal(1, result.ExitCode);
            var messages = Assert.Single(reports).GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("message").GetString()).ToList();
            Assert.Contains("Unknown flag: form", messages);
            Assert.Contains("Invalid containerPort: grpc", messages);
            Assert.Contains("Unknown instruction: WORKDIRR", messages);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void It_builds_with_the_NET_10_SDK_and_runs_cchc_server_on_the_ASP_NET_runtime_as_a_non_root_user()
    {
        var build = _dockerfile.Stages[0];
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", build.Image);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", _dockerfile.Final.Image);
        Assert.Equal("net10.0", XDocument.Load(Path.Combine(Repo.Root, "Directory.Build.props")).Descendants("TargetFramework").Single().Value);

        var publish = Assert.Single(build.All("RUN"), r => r.StartsWith("dotnet publish", StringComparison.Ordinal));
        var project = publish.Split(' ')[2];
        Assert.Equal("src/Cchc.Server/Cchc.Server.csproj", project);
        var assembly = XDocument.Load(Path.Combine(Repo.Root, project)).Descendants("AssemblyName").Single().Value;
        Assert.Equal(["dotnet", $"{assembly}.dll"], _dockerfile.Entrypoint);
        Assert.Contains("-o /app", publish, StringComparison.Ordinal);
        Assert.Equal("/app", _dockerfile.Final.Last("WORKDIR"));

        Assert.True(int.TryParse(_dockerfile.FinalUser, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var uid) && uid > 0,
            $"USER {_dockerfile.FinalUser}: a non-zero number, so that Kubernetes' runAsNonRoot can check it");
    }

    [Fact]
    public void The_restore_layer_copies_the_project_file_of_every_project_the_server_is_built_from()
    {
        var copied = _dockerfile.Stages[0].All("COPY")
            .Select(c => c.Split(' ')[0])
            .Where(source => source.EndsWith(".csproj", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(ProjectClosure("src/Cchc.Server/Cchc.Server.csproj").Order(StringComparer.Ordinal), copied.Order(StringComparer.Ordinal));
        var rootFiles = _dockerfile.Stages[0].All("COPY").First().Split(' ')[..^1];
        Assert.Equal([".editorconfig", "Directory.Build.props", "Directory.Packages.props"], rootFiles);
        Assert.All(rootFiles, f => Assert.True(File.Exists(Path.Combine(Repo.Root, f)), f));
    }

    [Fact]
    public void Its_defaults_are_server_settings_and_it_exposes_the_ports_they_name()
    {
        var environment = _dockerfile.Environment;

        Assert.All(environment.Keys, v => Assert.True(ServerSettings.Knows(v), $"{v} is not a setting of cchc-server"));
        Assert.DoesNotContain("CCHC_AUTH_KEY", environment.Keys);
        Assert.DoesNotContain("CCHC_POSTGRES", environment.Keys);
        var ports = new[]
        {
            Cchc.Server.Hosting.ServerConfiguration.ParseListen(environment["CCHC_LISTEN"]).Port,
            Observability.MetricsListenAddress.Parse(environment["CCHC_METRICS_LISTEN"]).Port,
            int.Parse(environment["CCHC_SILO_PORT"], System.Globalization.CultureInfo.InvariantCulture),
        };
        Assert.Equal(ports.Order(), _dockerfile.Exposed.Order());
        Assert.Equal("0.0.0.0", Cchc.Server.Hosting.ServerConfiguration.ParseListen(environment["CCHC_LISTEN"]).Host);
    }

    private static HashSet<string> ProjectClosure(string project)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next))
            {
                continue;
            }

            var dir = Path.GetDirectoryName(next)!;
            foreach (var reference in XDocument.Load(Path.Combine(Repo.Root, next)).Descendants("ProjectReference"))
            {
                var path = Path.GetRelativePath(Repo.Root, Path.GetFullPath(Path.Combine(Repo.Root, dir, reference.Attribute("Include")!.Value)));
                pending.Push(path.Replace('\\', '/'));
            }
        }

        return found;
    }
}
