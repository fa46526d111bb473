using System.Data.Common;
using Cchc.Storage;

namespace Cchc.Grains.Hosting;

/// <summary>
/// A database driver's exception (Npgsql's, SQLite's, raised by the score store or by Orleans' ADO.NET grain storage
/// while activating a grain) becomes <see cref="StorageUnavailableException"/> at every grain call: callers and the
/// API layer then see one serializable "retry shortly" instead of a driver type that Orleans cannot carry between
/// silos (it would arrive as a codec error, and reach a client as UNKNOWN); a full disk becomes RESOURCE_EXHAUSTED.
/// Outgoing calls are covered too, since a failed activation reaches its caller without passing the callee's incoming
/// filters.
/// </summary>
internal sealed class StorageFailureFilter : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (DatabaseFailure(e) is { } failure)
        {
            throw Unavailable(failure);
        }
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (DatabaseFailure(e) is { } failure)
        {
            throw Unavailable(failure);
        }
    }

    private static DbException? DatabaseFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException db)
            {
                return db;
            }
        }

        return null;
    }

    private static Exception Unavailable(DbException failure)
    {
        if (DiskFull.Is(failure))
        {
            return new RequestRejectedException(RejectionKind.ResourceExhausted, DiskFull.Advice);
        }

        DatabasePools.ClearAfterFailure(failure);
        return new StorageUnavailableException($"The database did not answer ({failure.GetType().Name}: {failure.Message.Split('\n')[0]}); retry shortly.");
    }
}
