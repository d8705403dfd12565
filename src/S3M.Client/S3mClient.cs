using System;
using System.Security;
using S3M.Slurm;
using S3M.Status;
using S3M.Streaming;
using S3M.Tokens;
using S3M.Transport;

namespace S3M
{
    /// <summary>The typed S3M client: one transport, one sub-client per service. Disposing it disposes its token.</summary>
    public sealed class S3mClient : IDisposable
    {
        public S3mClient(S3mClientOptions options, SecureString? token)
        {
            Transport = new S3mTransport(options, token);
            Status = new StatusClient(Transport);
            Tokens = new TokenClient(Transport);
            Slurm = new SlurmClient(Transport);
            Streaming = new StreamingClient(Transport);
        }

        public S3mTransport Transport { get; }
        public S3mClientOptions Options => Transport.Options;
        public StatusClient Status { get; }
        public TokenClient Tokens { get; }
        public SlurmClient Slurm { get; }
        public StreamingClient Streaming { get; }

        /// <summary>Disposes the token; calls that need it then fail with S3M.NotConnected.</summary>
        public void Dispose() => Transport.Dispose();
    }
}
