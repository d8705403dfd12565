using System;
using System.Collections;
using System.Management.Automation;
using S3M.Transport;

namespace S3M.Commands
{
    /// <summary>
    /// Calls any Slurm path of a resource through S3M, in the resource's API version. Slurm's
    /// errors[] become errors and its warnings[] warnings; the answer comes back as objects.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "S3mSlurm")]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeS3mSlurm : S3mSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ResourceCompleter))]
        public string Resource { get; set; } = "";

        /// <summary>The path under the resource, such as /partitions or /job/123.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter]
        [ValidateSet("GET", "POST", "DELETE", IgnoreCase = true)]
        public string Method { get; set; } = "GET";

        [Parameter]
        public object? Body { get; set; }

        [Parameter]
        public IDictionary? Query { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(ApiVersionCompleter))]
        public string? ApiVersion { get; set; }

        protected override void ProcessS3mRecord()
        {
            var session = RequireSession();
            var slurm = session.Client.Slurm;
            var version = slurm.Versions.For(Resource, ApiVersion);
            // The path stays '/'-led: the Slurm route drops the slash when it joins it to the resource.
            var request = RestPaths.Request(Method, Path, Query, Body, retriable: !Method.Equals("POST", StringComparison.OrdinalIgnoreCase));
            var answer = Await(token => slurm.InvokeAsync(Resource, version, request, token));
            WriteObject(PlainValues.ToPowerShell(GatewayJson.ToPlain(answer)));
        }
    }
}
