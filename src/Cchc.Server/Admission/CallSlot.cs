using System.Threading.RateLimiting;

namespace Cchc.Server.Admission;

/// <summary>
/// A call's place in <see cref="CallAdmission"/>: a slot held until disposed, or a <see cref="Refusal"/> (nothing held).
/// Disposing a slot counts the call as completed (the rate the queue drains at), and as overrun when its deadline had
/// already passed: an admitted call that did not finish in time.
/// </summary>
internal sealed class CallSlot : IDisposable
{
    private readonly RateLimitLease? _lease;
    private readonly Action<bool>? _released;
    private readonly long _deadline;
    private readonly TimeProvider? _clock;
    private int _disposed;

    private CallSlot(AdmissionRefusal? refusal, RateLimitLease? lease, Action<bool>? released, TimeProvider? clock, long deadline)
    {
        Refusal = refusal;
        _lease = lease;
        _released = released;
        _clock = clock;
        _deadline = deadline;
    }

    /// <summary>Why the call was refused; null when it holds a slot.</summary>
    public AdmissionRefusal? Refusal { get; }

    public static CallSlot Refused(AdmissionRefusal refusal) => new(refusal, null, null, null, 0);

    /// <param name="lease">The limiter's permit.</param>
    /// <param name="released">Called once, with whether the deadline had passed.</param>
    /// <param name="clock">The clock <paramref name="deadline"/> is a timestamp of.</param>
    /// <param name="deadline">The call's deadline as a timestamp of <paramref name="clock"/>; long.MaxValue for none.</param>
    public static CallSlot Held(RateLimitLease lease, Action<bool> released, TimeProvider clock, long deadline) => new(null, lease, released, clock, deadline);

    public void Dispose()
    {
        if (_lease is not null && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _lease.Dispose();
            _released!(_deadline != long.MaxValue && _clock!.GetTimestamp() > _deadline);
        }
    }
}
