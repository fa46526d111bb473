using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cchc.Grpc;

/// <summary>Maps registered gRPC services into an ASP.NET Core app (Kestrel must serve HTTP/2).</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every registered method at its path (<c>POST /package.Service/Method</c>) and answers any other
    /// two-segment gRPC path with UNIMPLEMENTED. Returns a builder for conventions such as authorization.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcServices(
        this IEndpointRouteBuilder endpoints, GrpcServiceRegistry registry, GrpcServiceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new GrpcServiceOptions();
        registry.Freeze();

        var builders = new List<IEndpointConventionBuilder>();
        foreach (ServerMethodHandler method in registry.Methods)
        {
            ServerMethodHandler handler = method;
            builders.Add(endpoints
                .MapPost(handler.Path, httpContext => handler.HandleAsync(httpContext, options))
                .WithDisplayName("gRPC " + handler.Path));
        }

        // Literal method routes win over this pattern, and so do a host's own literal routes.
        builders.Add(endpoints
            .MapPost("/{service}/{method}", httpContext =>
            {
                if (!GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType))
                {
                    // Not a gRPC request: leave the path to the host's usual 404.
                    httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                string service = (string)httpContext.Request.RouteValues["service"]!;
                return GrpcRequestGate.WriteUnimplemented(
                    httpContext,
                    registry.HasService(service) ? "Method is unimplemented." : "Service is unimplemented.");
            })
            .WithDisplayName("gRPC unimplemented")
            .WithOrder(int.MaxValue));

        return new CompositeConventionBuilder(builders);
    }

    private sealed class CompositeConventionBuilder(List<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (IEndpointConventionBuilder builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (IEndpointConventionBuilder builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
