namespace Cchc.Runtime.Hosting;

/// <summary>A call nobody awaits. Its failure is logged and counted, so it is never lost silently.</summary>
internal sealed class OneWayTurn(string name, Func<object, Task> call) : Turn(caller: null)
{
    public override async Task ExecuteAsync(ActivationData activation)
    {
        try
        {
            await call(activation.Grain);
            activation.CallCompleted(name, succeeded: true, enqueuedAt: 0);
        }
        catch (Exception ex)
        {
            activation.CallCompleted(name, succeeded: false, enqueuedAt: 0);
            activation.OneWayFailed(name, ex);
        }
    }

    public override void Fail(ActivationData activation, Exception error) => activation.OneWayFailed(name, error);
}
