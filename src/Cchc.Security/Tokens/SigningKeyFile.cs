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

    /// <summary>Owner-only (0700): what a data directory is created with.</summary>
    public const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Any permission for the group or others: what a private file or directory must not have.</summary>
    public const UnixFileMode OthersMode = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Reads the key in <paramref name="dataDirectory"/>, or makes one there on first start (owner-only permissions
    /// where the OS has them: the directory 0700, the file 0600). Two processes starting at once end up with the same
    /// key. An existing key file that the group or others may read or write is refused: its key may have leaked.
    /// </summary>
    /// <returns>The key, base64, ready for <see cref="CchcTokenOptions.SigningKeys"/>.</returns>
    /// <exception cref="SecurityConfigurationException">The file is damaged, or open to other users.</exception>
    public static string LoadOrCreate(string dataDirectory, out bool created)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        CreatePrivateDirectory(dataDirectory);
        string path = Path.Combine(dataDirectory, FileName);
        created = false;
        if (!File.Exists(path))
        {
            created = TryCreate(path);
        }

        RequireOwnerOnly(path);

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

    /// <summary>Creates the directory (and missing parents) owner-only where the OS has permissions; an existing one is left as it is.</summary>
    public static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, PrivateDirectoryMode);
        }
    }

    /// <summary>"0644": a mode as chmod writes it.</summary>
    public static string Octal(UnixFileMode mode) =>
        Convert.ToString((int)mode, 8).PadLeft(4, '0');

    // Whoever can read the key signs tokens for any role; whoever can write it can swap in a key of their own.
    private static void RequireOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        UnixFileMode mode = File.GetUnixFileMode(path);
        if ((mode & OthersMode) != 0)
        {
            throw new SecurityConfigurationException(
                $"The signing key file {path} is open to other users (mode {Octal(mode)}): whoever reads it can sign tokens for any role. " +
                $"Make it private with `chmod 600 {path}` (and replace the key if others may have read it), then start again.");
        }
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
