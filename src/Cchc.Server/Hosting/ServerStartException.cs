namespace Cchc.Server.Hosting;

/// <summary>The server could not start (port taken, storage unreachable); the message is one line for the operator.</summary>
public sealed class ServerStartException : Exception
{
    public ServerStartException()
    {
    }

    public ServerStartException(string message)
        : base(message)
    {
    }

    public ServerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
