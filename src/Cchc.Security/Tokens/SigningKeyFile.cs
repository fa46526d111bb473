using System.Text;

namespace Cchc.Security.Tokens;

/// <summary>
/// The signing key a data directory keeps for itself, so a local server started with no key configured still
/// checks tokens, and the tokens it printed stay valid across restarts.
/// </summary>
public static class SigningKeyFile
{
    /// <summary>The file's name inside the data directory.</summary>
    public const string FileName = "auth-signing-key";

    /// <summary>
    /// Reads the key in <paramref name="dataDirectory"/>, or makes one there on first start (owner-only permissions
    /// where the OS has them). Two processes starting at once end up with the same key.
    /// </summary>
    /// <returns>The key, base64, ready for <see cref="CchcTokenOptions.SigningKeys"/>.</returns>
    public static string LoadOrCreate(string dataDirectory, out bool created)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        string path = Path.Combine(dataDirectory, FileName);
        created = false;
        if (!File.Exists(path))
        {
            created = TryCreate(path);
        }

        string key = File.ReadAllText(path, Encoding.ASCII).Trim();
        try
        {
            _ = SigningKey.FromBase64(key, 0);
        }
        catch (SecurityConfigurationException ex)
        {
            // Not replaced silently: tokens handed out with the old key would stop working without a word.
            throw new SecurityConfigurationException(
                $"The signing key file {path} is damaged ({ex.Message}). Restore it, or delete it to make a new key (tokens issued before stop working).", ex);
        }

        return key;
    }

    private static bool TryCreate(string path)
    {
        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(SigningKey.Generate() + "\n"));
                stream.Flush(flushToDisk: true);
            }

            // Whole file or none: a crash never leaves a half-written key that would refuse every start after.
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
