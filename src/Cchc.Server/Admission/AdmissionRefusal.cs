namespace Cchc.Server.Admission;

/// <summary>Why <see cref="CallAdmission"/> refused a call, as its caller is told.</summary>
/// <param name="Reason">The metric's reason tag: full, deadline or waited.</param>
/// <param name="Message">The RESOURCE_EXHAUSTED status message: what was full, that nothing was done, when to retry.</param>
/// <param name="PushbackMilliseconds">The <c>grpc-retry-pushback-ms</c> value: whole milliseconds before a retry.</param>
internal sealed record AdmissionRefusal(string Reason, string Message, string PushbackMilliseconds);
