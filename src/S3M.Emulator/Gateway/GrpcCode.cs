namespace S3M.Emulator.Gateway;

/// <summary>The gRPC status codes the gateway puts in error bodies (the ones this emulator uses).</summary>
internal enum GrpcCode
{
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    Unauthenticated = 16,
}

/// <summary>grpc-gateway's mapping between gRPC codes and HTTP statuses, both ways.</summary>
internal static class GrpcCodes
{
    public static int HttpStatusOf(GrpcCode code) => code switch
    {
        GrpcCode.InvalidArgument => 400,
        GrpcCode.Unauthenticated => 401,
        GrpcCode.PermissionDenied => 403,
        GrpcCode.NotFound => 404,
        GrpcCode.AlreadyExists => 409,
        GrpcCode.ResourceExhausted => 429,
        GrpcCode.Unimplemented => 501,
        GrpcCode.Unavailable => 503,
        GrpcCode.DeadlineExceeded => 504,
        _ => 500,
    };

    public static GrpcCode FromHttpStatus(int status) => status switch
    {
        400 => GrpcCode.InvalidArgument,
        401 => GrpcCode.Unauthenticated,
        403 => GrpcCode.PermissionDenied,
        404 => GrpcCode.NotFound,
        405 or 501 => GrpcCode.Unimplemented,
        409 => GrpcCode.AlreadyExists,
        429 => GrpcCode.ResourceExhausted,
        500 => GrpcCode.Internal,
        502 or 503 => GrpcCode.Unavailable,
        504 => GrpcCode.DeadlineExceeded,
        _ => GrpcCode.Unknown,
    };
}
