namespace Cchc.Security;

/// <summary>The security settings cannot work (a bad key, an empty issuer...); the message names the setting.</summary>
public sealed class SecurityConfigurationException : Exception
{
    public SecurityConfigurationException()
    {
    }

    public SecurityConfigurationException(string message)
        : base(message)
    {
    }

    public SecurityConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
