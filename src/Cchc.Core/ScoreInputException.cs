namespace Cchc.Core;

/// <summary>
/// Raised when points or statistics cannot be accepted. Every error names the item and the value, so the
/// person who typed or imported it can fix it; nothing has been changed when this is thrown.
/// </summary>
public sealed class ScoreInputException : Exception
{
    public ScoreInputException()
        : this([new ScoreInputError(null, null, "The score input was rejected.")])
    {
    }

    public ScoreInputException(string message)
        : this([new ScoreInputError(null, null, message)])
    {
    }

    public ScoreInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ScoreInputError(null, null, message)];
    }

    public ScoreInputException(string? itemCode, string? value, string message)
        : this([new ScoreInputError(itemCode, value, message)])
    {
    }

    public ScoreInputException(IReadOnlyList<ScoreInputError> errors)
        : base(string.Join(Environment.NewLine, (errors ?? throw new ArgumentNullException(nameof(errors))).Select(e => e.Message)))
    {
        Errors = errors;
    }

    public IReadOnlyList<ScoreInputError> Errors { get; }

    /// <summary>The item of the first error, for the common case of a single rejected value.</summary>
    public string? ItemCode => Errors.Count > 0 ? Errors[0].ItemCode : null;
}
