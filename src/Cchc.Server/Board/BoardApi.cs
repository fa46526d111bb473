using System.Globalization;
using System.Net;
using System.Text.Json;
using Cchc.Grains;
using Cchc.Grains.Ranking;
using Cchc.Security;
using Cchc.Security.Policy;
using Cchc.Server.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using CorePeriod = Cchc.Core.Period;

namespace Cchc.Server.Board;

/// <summary>
/// The board's JSON and its live feed. Every read resolves into the policy's <see cref="ReadScope"/> exactly as
/// RankingService does, and is answered 401/403 with the reason as JSON when refused; an anonymous visitor may read a
/// published ranking only when the operator turned public view on (--board-public on).
/// </summary>
internal static class BoardApi
{
    private const int MaxRows = 100_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task MeAsync(HttpContext context, bool publicView)
    {
        var access = context.RequestServices.GetRequiredService<ApiAccess>();
        var principal = access.Enforced ? await AuthenticateAsync(context) : null;
        await WriteJsonAsync(context, new
        {
            signedIn = principal is not null,
            who = principal?.Description,
            authentication = access.Enforced,
            publicView,
        });
    }

    public static async Task RankingAsync(HttpContext context, bool publicView)
    {
        if (await ReadAsync(context, publicView) is not { } read)
        {
            return;
        }

        try
        {
            var grain = Ranking(context, read);
            var view = await grain.GetRankingAsync(read.Field, 0, MaxRows, context.RequestAborted);
            var totals = await TotalsAsync(grain, context.RequestAborted);
            await WriteJsonAsync(context, Snapshot(read, view, totals));
        }
        catch (RequestRejectedException e)
        {
            await RejectedAsync(context, e);
        }
    }

    public static async Task ProgressAsync(HttpContext context, bool publicView)
    {
        if (await ReadAsync(context, publicView) is not { } read)
        {
            return;
        }

        await WriteJsonAsync(context, new { totals = await TotalsAsync(Ranking(context, read), context.RequestAborted) });
    }

    /// <summary>
    /// Server-Sent Events from this silo's <see cref="RankingHub"/>: "snapshot" (the whole ranking) then "update" per
    /// change, each with id = the ranking's version, so a reconnecting EventSource resumes with Last-Event-ID. The hub's
    /// per-watcher buffer is bounded; a watcher that falls behind gets a resync snapshot instead of the dropped updates.
    /// </summary>
    public static async Task WatchAsync(HttpContext context, bool publicView)
    {
        var resumeAfter = 0L;
        var lastId = context.Request.Headers["Last-Event-ID"].ToString();
        if (lastId.Length > 0 && (!long.TryParse(lastId, NumberStyles.None, CultureInfo.InvariantCulture, out resumeAfter)))
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, $"Last-Event-ID '{lastId}' is not a ranking version; reconnect without it.");
            return;
        }

        if (await ReadAsync(context, publicView) is not { } read)
        {
            return;
        }

        var hub = context.RequestServices.GetRequiredService<RankingHub>();
        var settings = context.RequestServices.GetRequiredService<WatchSettings>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, settings.ServerStopping);
        var feed = hub.WatchAsync(read.Scope, read.Period, read.Field, resumeAfter, stop.Token).GetAsyncEnumerator(stop.Token);
        try
        {
            // The first item is awaited before any byte is sent, so a refusal (unknown scope, too many watchers) is JSON.
            bool any;
            try
            {
                any = await feed.MoveNextAsync();
            }
            catch (RequestRejectedException e)
            {
                await RejectedAsync(context, e);
                return;
            }

            context.Response.ContentType = "text/event-stream; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers["X-Accel-Buffering"] = "no";
            var grain = Ranking(context, read);
            while (any)
            {
                var item = feed.Current;
                object payload = item.Snapshot is { } snapshot
                    ? Snapshot(read, snapshot, snapshot.Progress?.Totals ?? await TotalsAsync(grain, stop.Token))
                    : Update(item.Update!);
                var kind = item.Snapshot is null ? "update" : "snapshot";

                // A snapshot is written within one of the server's snapshot slots, as a watch's is (SnapshotWrites).
                using (item.Snapshot is null ? null : await settings.Snapshots.EnterAsync(stop.Token))
                {
                    await context.Response.WriteAsync(
                        $"id: {item.Version.ToString(CultureInfo.InvariantCulture)}\nevent: {kind}\ndata: {JsonSerializer.Serialize(payload, Json)}\n\n",
                        stop.Token);
                    await context.Response.Body.FlushAsync(stop.Token);
                }

                any = await feed.MoveNextAsync();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The browser left, or the server is stopping: EventSource reconnects with Last-Event-ID.
        }
        finally
        {
            await feed.DisposeAsync();
        }
    }

    public static async Task<CchcPrincipal?> AuthenticateAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count == 0 && context.Request.Cookies[BoardHosting.CookieName] is { Length: > 0 } token)
        {
            context.Request.Headers.Authorization = "Bearer " + token;
        }

        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        return result.Succeeded ? CchcPrincipalClaims.Of(result.Principal) : null;
    }

    public static Task ErrorAsync(HttpContext context, HttpStatusCode status, string message)
    {
        context.Response.StatusCode = (int)status;
        return WriteJsonAsync(context, new { error = message });
    }

    /// <summary>The query's scope, period and field, checked against the policy; null once a refusal was written.</summary>
    private static async Task<BoardRead?> ReadAsync(HttpContext context, bool publicView)
    {
        var query = context.Request.Query;
        var scope = query["scope"].ToString().Trim();
        if (scope.Length is < 2 or > 3 || !scope.All(char.IsAsciiDigit))
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, $"scope '{scope}' is not a province (2 digits) or district (3 digits) code.");
            return null;
        }

        if (BoardPeriods.Parse(query["year"].ToString(), query["period"].ToString()) is not { } period)
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest,
                $"year '{query["year"]}' and period '{query["period"]}' do not name a period: give a year 2000–2200 and period Y, H1, H2 or Q1–Q4.");
            return null;
        }

        var field = query["field"].ToString().Trim() is { Length: > 0 } f ? f : null;
        var access = context.RequestServices.GetRequiredService<ApiAccess>();
        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        ReadScope operation;
        try
        {
            operation = await new ApiScopes(grains).ReadScopeAsync(scope, [period], context.RequestAborted);
        }
        catch (RequestRejectedException e)
        {
            await RejectedAsync(context, e);
            return null;
        }

        var read = new BoardRead(scope, period, field, operation.Published);
        if (!access.Enforced)
        {
            return read;
        }

        var hadToken = context.Request.Headers.Authorization.Count > 0 || context.Request.Cookies.ContainsKey(BoardHosting.CookieName);
        if (await AuthenticateAsync(context) is not { } principal)
        {
            if (publicView && operation.Published && !hadToken)
            {
                return read;
            }

            await ErrorAsync(context, HttpStatusCode.Unauthorized, hadToken
                ? "Your sign-in is not valid any more (expired, or issued with another key); sign in again at /board/login."
                : publicView
                    ? $"The results of {scope} for {period} are not published yet; only signed-in viewers of the province may see them. Sign in at /board/login."
                    : "Sign in at /board/login with a token (cchc token ...) to see the board; public view is off on this server.");
            return null;
        }

        var decision = access.Decide(principal, operation);
        if (!decision.Allowed)
        {
            await ErrorAsync(context, HttpStatusCode.Forbidden, decision.Reason);
            return null;
        }

        return read;
    }

    private static IRankingGrain Ranking(HttpContext context, BoardRead read) =>
        context.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IRankingGrain>(GrainKeys.ForPeriod(read.Scope, read.Period));

    /// <summary>The progress totals, or null when the province has no framework serving the period yet.</summary>
    private static async Task<ProgressTotals?> TotalsAsync(IRankingGrain grain, CancellationToken cancellationToken)
    {
        try
        {
            return (await grain.GetProgressAsync(null, cancellationToken)).Totals;
        }
        catch (RequestRejectedException e) when (e.Kind == RejectionKind.FailedPrecondition)
        {
            return null;
        }
    }

    private static object Snapshot(BoardRead read, RankingView view, ProgressTotals? totals) => new
    {
        scope = read.Scope,
        period = read.Period.ToString(),
        field = read.Field,
        version = view.Version,
        published = view.Published || read.Published,
        unitCount = view.UnitCount,
        rows = view.Rows.Select(Row),
        unranked = view.Unranked,
        totals,
    };

    private static object Update(RankingFeedUpdate update) => new
    {
        version = update.Version,
        unitCode = update.UnitCode,
        row = update.Row is { } row ? Row(row) : null,
        unitCount = update.UnitCount,
        totals = update.Totals,
    };

    private static object Row(RankingRow row) => new
    {
        unitCode = row.UnitCode,
        name = row.Name,
        index = row.Index,
        rank = row.Rank.CompetitionRank,
        className = row.ClassName,
        provisional = row.Provisional,
        previousRank = row.Previous?.CompetitionRank,
    };

    private static Task RejectedAsync(HttpContext context, RequestRejectedException e) => ErrorAsync(context, e.Kind switch
    {
        RejectionKind.NotFound => HttpStatusCode.NotFound,
        RejectionKind.InvalidArgument => HttpStatusCode.BadRequest,
        RejectionKind.PermissionDenied => HttpStatusCode.Forbidden,
        RejectionKind.ResourceExhausted => HttpStatusCode.ServiceUnavailable,
        _ => HttpStatusCode.Conflict,
    }, e.Message);

    private static Task WriteJsonAsync(HttpContext context, object value)
    {
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(value, Json, context.RequestAborted);
    }
}
