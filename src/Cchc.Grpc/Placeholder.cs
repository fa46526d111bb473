namespace Cchc.Grpc;

internal static class Placeholder;
