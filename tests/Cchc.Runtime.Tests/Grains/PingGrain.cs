namespace Cchc.Runtime.Tests.Grains;

public sealed class PingGrain : Grain, IPingGrain
{
    private readonly List<string> _notes = [];

    public async Task<string> CallAsync(string[] path)
    {
        var key = this.GetPrimaryKeyString();
        if (path.Length == 0)
        {
            return key;
        }

        var rest = await GrainFactory.GetGrain<IPingGrain>(path[0]).CallAsync(path[1..]);
        return $"{key} {rest}";
    }

    public async Task<string> PokeAsync(string otherKey)
    {
        await GrainFactory.GetGrain<IPingGrain>(otherKey).AnswerBackAsync(this.GetPrimaryKeyString());
        _notes.Add("poke done");
        return "ok";
    }

    public Task AnswerBackAsync(string callerKey)
    {
        // The caller is waiting for this call: an awaited call back would deadlock, a one-way one is queued.
        GrainFactory.GetGrain<IPingGrain>(callerKey).InvokeOneWay(caller => caller.NoteAsync("answer"));
        return Task.CompletedTask;
    }

    public Task NoteAsync(string note)
    {
        _notes.Add(note);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetNotesAsync() => Task.FromResult<IReadOnlyList<string>>([.. _notes]);
}
