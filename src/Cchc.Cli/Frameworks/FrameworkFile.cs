using Cchc.Api.V1;
using Google.Protobuf;

namespace Cchc.Cli.Frameworks;

/// <summary>
/// A framework file: the protobuf JSON mapping of <c>cchc.v1.Framework</c> (framework.proto documents every field).
/// Unknown fields are refused so a misspelt "maxPoint" is not silently dropped.
/// </summary>
internal static class FrameworkFile
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithIndentation("  "));

    public static async Task<Framework> ReadAsync(string path, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"Cannot read the framework file '{path}': {ex.Message}", ex);
        }

        return Parse(json, path);
    }

    public static Framework Parse(string json, string source)
    {
        try
        {
            return Parser.Parse<Framework>(json);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new CliInputException($"The framework file '{source}' is not a cchc.v1.Framework in protobuf JSON: {ex.Message}", ex);
        }
        catch (InvalidJsonException ex)
        {
            throw new CliInputException($"The framework file '{source}' is not valid JSON: {ex.Message}", ex);
        }
    }

    public static string Format(Framework framework) => Formatter.Format(framework);
}
