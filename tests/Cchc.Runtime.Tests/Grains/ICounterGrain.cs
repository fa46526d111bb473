namespace Cchc.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one and writes the state before answering.</summary>
    Task<int> IncrementAsync();

    /// <summary>Adds one and leaves the state unwritten (dirty).</summary>
    ValueTask<int> IncrementWithoutWritingAsync();

    Task<int> GetAsync();

    Task FailAsync(string message);

    Task ClearAsync();

    Task ReloadAsync();

    Task<string?> GetEtagAsync();

    Task<bool> RecordExistsAsync();

    Task<string> GetKeyAsync();

    ValueTask DeactivateAsync();
}
