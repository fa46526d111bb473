using k8s;
using k8s.Models;

namespace Cchc.Deploy.Tests;

/// <summary>
/// deploy/kubernetes/*.yaml loaded into KubernetesClient's typed models with its strict deserializer, which refuses a
/// field the Kubernetes API does not have (a misspelt key that a schema without additionalProperties lets through).
/// </summary>
internal sealed class Manifests
{
    private Manifests(IReadOnlyList<(string File, object Object)> objects) => Objects = objects;

    public IReadOnlyList<(string File, object Object)> Objects { get; }

    public V1Deployment Deployment => Single<V1Deployment>();

    public V1PodDisruptionBudget DisruptionBudget => Single<V1PodDisruptionBudget>();

    public V1ServiceAccount ServiceAccount => Single<V1ServiceAccount>();

    public V1Role Role => Single<V1Role>();

    public V1RoleBinding RoleBinding => Single<V1RoleBinding>();

    public IReadOnlyList<V1Service> Services => [.. Objects.Select(o => o.Object).OfType<V1Service>()];

    public V1Container Silo => Assert.Single(Deployment.Spec.Template.Spec.Containers);

    public static Manifests Load() =>
        new([.. Repo.KubernetesManifests.SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(file), typeMap: null, strict: true).Select(o => (file, o)))]);

    private T Single<T>() => Assert.Single(Objects.Select(o => o.Object).OfType<T>());
}
