namespace Cchc.Runtime.Tests.Grains;

public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Awaits a call to the first grain of <paramref name="path"/> with the rest; returns the keys visited.</summary>
    Task<string> CallAsync(string[] path);

    /// <summary>Awaits a call to <paramref name="otherKey"/>, which answers back to this grain one-way.</summary>
    Task<string> PokeAsync(string otherKey);

    Task AnswerBackAsync(string callerKey);

    Task NoteAsync(string note);

    Task<IReadOnlyList<string>> GetNotesAsync();
}
