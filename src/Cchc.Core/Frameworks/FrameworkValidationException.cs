namespace Cchc.Core.Frameworks;

/// <summary>Raised by <see cref="Framework.Create"/> with every problem of the definition at once.</summary>
public sealed class FrameworkValidationException : Exception
{
    public FrameworkValidationException()
        : this([])
    {
    }

    public FrameworkValidationException(string message)
        : base(message)
    {
        Problems = [];
    }

    public FrameworkValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public FrameworkValidationException(IReadOnlyList<FrameworkProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<FrameworkProblem> Problems { get; }

    private static string Describe(IReadOnlyList<FrameworkProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return $"The framework has {problems.Count} problem(s):{Environment.NewLine}" +
            string.Join(Environment.NewLine, problems.Select(p => "- " + p.Message));
    }
}
