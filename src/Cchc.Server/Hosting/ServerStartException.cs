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

    /// <summary>The innermost useful message (an I/O error's own), on one line.</summary>
    internal static string OneLine(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null && inner is not IOException)
        {
            inner = inner.InnerException;
        }

        return inner.Message.ReplaceLineEndings(" ");
    }
}
