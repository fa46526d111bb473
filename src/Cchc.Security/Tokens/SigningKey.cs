using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace Cchc.Security.Tokens;

/// <summary>HMAC-SHA256 signing keys as configuration holds them (base64), and RSA/ECDSA public keys (PEM).</summary>
public static class SigningKey
{
    /// <summary>256 bits: HMAC-SHA256 gains nothing from more, and less would be brute-forceable.</summary>
    public const int MinimumBytes = 32;

    /// <summary>A fresh random key, base64, for <see cref="CchcTokenOptions.SigningKeys"/>.</summary>
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes));

    internal static SymmetricSecurityKey FromBase64(string base64, int index)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64?.Trim() ?? string.Empty);
        }
        catch (FormatException ex)
        {
            throw new SecurityConfigurationException($"Auth:SigningKeys[{index}] is not base64; generate a key with 'openssl rand -base64 32'.", ex);
        }

        if (bytes.Length < MinimumBytes)
        {
            throw new SecurityConfigurationException(
                $"Auth:SigningKeys[{index}] is {bytes.Length} bytes; an HMAC-SHA256 key must be at least {MinimumBytes} random bytes.");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = KeyIdOf(bytes) };
    }

    internal static SecurityKey FromPem(string pem, int index)
    {
        string where = $"Auth:PublicKeysPem[{index}]";
        if (!PemEncoding.TryFind(pem, out PemFields fields))
        {
            throw new SecurityConfigurationException($"{where} is not PEM: expected '-----BEGIN PUBLIC KEY-----'.");
        }

        string label = pem[fields.Label];
        if (label.Contains("PRIVATE", StringComparison.Ordinal))
        {
            throw new SecurityConfigurationException($"{where} is a private key; configure only the public key.");
        }

        try
        {
            byte[] der = Convert.FromBase64String(pem[fields.Base64Data]);
            string keyId = KeyIdOf(der);
            if (label == "RSA PUBLIC KEY")
            {
                var pkcs1 = RSA.Create();
                pkcs1.ImportRSAPublicKey(der, out _);
                return new RsaSecurityKey(pkcs1) { KeyId = keyId };
            }

            if (label != "PUBLIC KEY")
            {
                throw new SecurityConfigurationException($"{where} holds a '{label}'; expected 'PUBLIC KEY' (RSA or ECDSA).");
            }

            PublicKey publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(der, out _);
            if (publicKey.GetRSAPublicKey() is { } rsa)
            {
                return new RsaSecurityKey(rsa) { KeyId = keyId };
            }

            if (publicKey.GetECDsaPublicKey() is { } ecdsa)
            {
                return new ECDsaSecurityKey(ecdsa) { KeyId = keyId };
            }

            throw new SecurityConfigurationException($"{where} is neither an RSA nor an ECDSA public key.");
        }
        catch (CryptographicException ex)
        {
            throw new SecurityConfigurationException($"{where} could not be read as a public key: {ex.Message}", ex);
        }
    }

    // A key id lets a validator with several keys (during a rotation) pick the right one without trying each.
    private static string KeyIdOf(byte[] key) => Base64UrlEncoder.Encode(SHA256.HashData(key).AsSpan(0, 9).ToArray());
}
