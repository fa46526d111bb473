using Microsoft.Extensions.Logging;

namespace Cchc.Runtime.Hosting;

internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error,
        Message = "One-way call {Method} on grain {GrainId} failed; nobody awaited it, so it is reported here")]
    public static partial void OneWayFailed(ILogger logger, string grainId, string method, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "A timer tick of grain {GrainId} failed; the timer goes on")]
    public static partial void TimerFailed(ILogger logger, string grainId, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "Activating grain {GrainId} failed; the waiting calls get the error")]
    public static partial void ActivationFailed(ILogger logger, string grainId, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "OnDeactivateAsync of grain {GrainId} failed ({Reason}); its changed state is still written")]
    public static partial void OnDeactivateFailed(ILogger logger, string grainId, string reason, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error,
        Message = "Writing state {StateName} of grain {GrainId} at deactivation ({Reason}) failed")]
    public static partial void StateWriteFailed(ILogger logger, string grainId, string stateName, string reason,
        Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Grain {GrainId} stays active because its changed state could not be written; collection retries later")]
    public static partial void KeptActive(ILogger logger, string grainId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Idle collection failed")]
    public static partial void CollectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Critical,
        Message = "The mailbox of grain {GrainId} stopped on a runtime fault; its queued calls were failed")]
    public static partial void MailboxFaulted(ILogger logger, string grainId, Exception exception);
}
