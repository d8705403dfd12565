using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using S3M.Transport;

namespace S3M.Streaming;

/// <summary>RabbitMQ and Redis clusters through S3M's streaming service.</summary>
public sealed class StreamingClient
{
    private readonly S3mTransport _transport;

    internal StreamingClient(S3mTransport transport) { _transport = transport; }

    /// <summary>A streaming call, held (redirects included) to the streaming service's paths.</summary>
    private S3mRequest Request(string method, string tail) =>
        new S3mRequest(method, S3mRoutes.Streaming(_transport.Options, tail)) { Scope = S3mRoutes.StreamingScope(_transport.Options) };

    private S3mRequest Get(string tail)
    {
        var request = Request("GET", tail);
        request.Retriable = true;
        return request;
    }

    public async Task<StreamingBackend[]> GetBackendsAsync(CancellationToken cancellationToken)
    {
        var answer = await _transport.SendAsync(Get(S3mRoutes.StreamingBackends), cancellationToken).ConfigureAwait(false);
        return answer.Objects("backends").Select(StreamingBackend.Read).ToArray();
    }

    public async Task<StreamingClusterInfo[]> GetClustersAsync(StreamingEngine engine, CancellationToken cancellationToken)
    {
        var answer = await _transport.SendAsync(Get(S3mRoutes.StreamingClusters(engine.WireName())), cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        return answer.Objects("clusters").Select(c => StreamingClusterInfo.Read(c, engine, now)).ToArray();
    }

    public async Task<StreamingClusterInfo> GetClusterAsync(StreamingEngine engine, string name, CancellationToken cancellationToken)
    {
        var answer = await _transport.SendAsync(Get(S3mRoutes.StreamingCluster(engine.WireName(), name)), cancellationToken).ConfigureAwait(false);
        return StreamingClusterInfo.Read(answer.Field("cluster") ?? answer, engine, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Provisions a checked request. The POST is never re-sent: when its answer is lost
    /// (S3M.OutcomeUnknown) or unreadable, the cluster is looked up by name; found, it is
    /// returned with a warning, else the outcome stays unknown. Returns the cluster's full record.
    /// </summary>
    public async Task<StreamingClusterInfo> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        var engine = request.Engine.WireName();
        var post = Request("POST", S3mRoutes.StreamingProvision(engine));
        post.Body = request.ToJson();
        post.OutcomeCheck = $"The {request.Engine} cluster {request.Name} may exist: look it up by name before provisioning it again.";
        JsonElement answer;
        try
        {
            answer = await _transport.SendAsync(post, cancellationToken).ConfigureAwait(false);
        }
        catch (S3mException e) when (IsAmbiguous(e))
        {
            S3mTrace.Write($"Provisioning {request.Name} ended without a clear answer ({e.Message}); looking it up by name.");
            StreamingClusterInfo? found;
            try { found = await TryGetAsync(request.Engine, request.Name, cancellationToken).ConfigureAwait(false); }
            catch (S3mException lookup)
            {
                S3mTrace.Write($"The look-up failed too ({lookup.Message}).");
                found = null;
            }
            if (found == null)
            {
                if (e.Kind != S3mErrorKind.OutcomeUnknown)
                {
                    throw;
                }

                throw e.Amended("A look-up by name just after did not find it, but it may still appear.");
            }
            found.Warnings = new[] { $"The answer to provisioning {request.Engine} cluster {request.Name} was lost, but S3M has the cluster; it was not provisioned twice." }.ToS3mList();
            return found;
        }
        // The provision answer holds only the credential and URLs; the record has the rest.
        var created = await TryGetAsync(request.Engine, request.Name, cancellationToken).ConfigureAwait(false);
        var fromAnswer = StreamingClusterInfo.Read(answer, request.Engine, DateTimeOffset.UtcNow);
        if (created == null)
        {
            fromAnswer.Name = request.Name;
            fromAnswer.Kind = request.Kind;
            var settings = new Dictionary<string, long>(fromAnswer.ResourceSettings, StringComparer.Ordinal);
            foreach (var s in request.ResourceSettings)
            {
                settings[s.Key] = s.Value;
            }

            fromAnswer.ResourceSettings = new S3mDictionary<long>(settings);

            return fromAnswer;
        }
        created.KeepCredentialFrom(fromAnswer);
        return created;
    }

    /// <summary>Resets the cluster's countdown to seven days from now; returns the cluster with its new lifetime.</summary>
    public async Task<StreamingClusterInfo> ExtendAsync(StreamingEngine engine, string name, CancellationToken cancellationToken)
    {
        // Extending twice is harmless (each resets the same countdown), so a lost answer may be retried.
        var request = Request("POST", S3mRoutes.StreamingExtend(engine.WireName(), name));
        request.Body = "{}";
        request.Retriable = true;
        var answer = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var cluster = await GetClusterAsync(engine, name, cancellationToken).ConfigureAwait(false);
        StreamingClusterInfo.ReadLifetime(cluster, answer.Field("lifetime") ?? default, DateTimeOffset.UtcNow);
        return cluster;
    }

    /// <summary>
    /// Deletes the cluster for good. Only <c>{"success": true}</c> is a delete: protobuf's JSON
    /// leaves a false out, so a refusal may come as <c>{}</c>, and anything else is an error.
    /// </summary>
    public async Task DeleteAsync(StreamingEngine engine, string name, CancellationToken cancellationToken)
    {
        // Retried after a lost answer; a 404 then means the lost attempt removed it.
        var request = Request("DELETE", S3mRoutes.StreamingCluster(engine.WireName(), name));
        request.Retriable = true;
        request.AlreadyDone = S3mRequest.DoneWhenAnswered(404);
        request.OutcomeCheck = "Look the cluster up by name before removing it again.";
        var answer = await _transport.ExchangeAsync(request, cancellationToken).ConfigureAwait(false);
        if (answer.DoneEarlier == null && !answer.Body.Bool("success"))
        {
            var said = ErrorMapper.Clip(answer.Body.GetRawText()) ?? "{}";
            throw new S3mException(S3mErrorKind.Unavailable,
                $"S3M did not confirm that it deleted {engine} cluster {name}: it answered {request.Method} {request.Path} with {answer.Status} {said}, not {{\"success\": true}}, so the cluster may still exist.")
            {
                Method = request.Method,
                Path = request.Path,
                StatusCode = answer.Status,
                ServerMessage = said,
                Remedy = S3mRemedy.CheckItStillExists,
            };
        }
    }

    private async Task<StreamingClusterInfo?> TryGetAsync(StreamingEngine engine, string name, CancellationToken cancellationToken)
    {
        try { return await GetClusterAsync(engine, name, cancellationToken).ConfigureAwait(false); }
        catch (S3mException e) when (e.Kind == S3mErrorKind.NotFound) { return null; }
    }

    /// <summary>The answer was lost, or S3M said yes in words the client cannot read: the cluster may exist.</summary>
    private static bool IsAmbiguous(S3mException e) =>
        e.Kind == S3mErrorKind.OutcomeUnknown
        || (e.Kind == S3mErrorKind.InvalidResponse && e.StatusCode >= 200 && e.StatusCode < 300);
}
