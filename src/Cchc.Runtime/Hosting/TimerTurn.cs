namespace Cchc.Runtime.Hosting;

/// <summary>One tick of a grain timer.</summary>
internal sealed class TimerTurn(GrainTimer timer) : Turn(caller: null)
{
    public override Task ExecuteAsync(ActivationData activation) => timer.TickAsync();

    // The activation is gone, and its timers with it.
    public override void Fail(ActivationData activation, Exception error)
    {
    }
}
