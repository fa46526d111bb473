using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Orleans.Hosting.Kubernetes;

namespace Cchc.Deploy.Tests;

/// <summary>
/// The Kubernetes API calls Microsoft.Orleans.Hosting.Kubernetes makes, read from its compiled code: every method of
/// KubernetesClient (namespace k8s) it references, named as the client names operations
/// (ReadNamespacedPodAsync, WatchListNamespacedPodAsync...), turned into the RBAC verb and resource they need.
/// </summary>
internal static partial class OrleansKubernetesCalls
{
    private static readonly Dictionary<string, string> Verbs = new(StringComparer.Ordinal)
    {
        ["Read"] = "get",
        ["List"] = "list",
        ["WatchList"] = "watch",
        ["Watch"] = "watch",
        ["Patch"] = "patch",
        ["Create"] = "create",
        ["Replace"] = "update",
        ["Delete"] = "delete",
        ["DeleteCollection"] = "deletecollection",
    };

    private static readonly Dictionary<string, string> Resources = new(StringComparer.Ordinal)
    {
        ["Pod"] = "pods",
        ["PodStatus"] = "pods/status",
        ["Endpoints"] = "endpoints",
        ["Event"] = "events",
        ["Lease"] = "leases",
    };

    /// <summary>The assembly UseKubernetesHosting comes from (the package version the solution restores).</summary>
    public static string AssemblyPath => typeof(KubernetesHostingOptions).Assembly.Location;

    /// <summary>Every (method, verb, resource) the package calls.</summary>
    public static IReadOnlyList<(string Method, string Verb, string Resource)> Read()
    {
        using var stream = File.OpenRead(AssemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var calls = new SortedSet<(string, string, string)>();
        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (member.GetKind() != MemberReferenceKind.Method || !IsKubernetesClientType(metadata, member.Parent))
            {
                continue;
            }

            var name = metadata.GetString(member.Name);
            if (Operation().Match(name) is not { Success: true } match)
            {
                continue;
            }

            var verb = match.Groups["verb"].Value;
            var resource = match.Groups["resource"].Value;
            calls.Add((name,
                Verbs[verb],
                Resources.TryGetValue(resource, out var plural) ? plural : throw new InvalidOperationException($"{name}: map the resource {resource} to its RBAC name here.")));
        }

        return [.. calls];
    }

    private static bool IsKubernetesClientType(MetadataReader metadata, EntityHandle parent)
    {
        if (parent.Kind != HandleKind.TypeReference)
        {
            return false;
        }

        var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
        var ns = metadata.GetString(type.Namespace);
        return ns == "k8s" || ns.StartsWith("k8s.", StringComparison.Ordinal);
    }

    // An API operation of the generated client: verb, optional scope, resource kind, Async suffix.
    [GeneratedRegex("^(?<verb>DeleteCollection|WatchList|Watch|Read|List|Patch|Create|Replace|Delete)(Namespaced|ClusterCustomObject|NamespacedCustomObject)?(?<resource>[A-Z][A-Za-z]*?)(WithHttpMessages)?Async$")]
    private static partial Regex Operation();
}
