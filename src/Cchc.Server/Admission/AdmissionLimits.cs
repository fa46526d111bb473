namespace Cchc.Server.Admission;

/// <summary>The limit on gRPC calls in flight on one server (silo), from <see cref="Hosting.ServerOptions"/>.</summary>
/// <param name="MaxInFlight">Calls handled at once; the next waits for a slot.</param>
/// <param name="MaxQueued">Calls waiting for a slot at once; the next is refused at once.</param>
/// <param name="MaxWait">The longest a call waits for a slot before it is refused.</param>
/// <param name="MinReserve">
/// The least handling time a waiting call must have left before its deadline (more when the method's recent calls took
/// longer): a call whose deadline leaves less is refused at once instead of waiting to miss it.
/// </param>
internal sealed record AdmissionLimits(int MaxInFlight, int MaxQueued, TimeSpan MaxWait, TimeSpan MinReserve);
