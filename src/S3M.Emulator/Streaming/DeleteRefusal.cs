namespace S3M.Emulator.Streaming;

/// <summary>
/// How a cluster's delete is refused, when a test asks (<c>/_emulator/streaming/.../delete-refusal</c>).
/// S3M answers a delete <c>{"success": true}</c>; a gateway printing protobuf leaves a <c>false</c>
/// out, so a refusal may come as <c>{}</c> (<see cref="Omitted"/>) or spelt out (<see cref="False"/>).
/// </summary>
internal enum DeleteRefusal
{
    /// <summary>Deletes work.</summary>
    None,

    /// <summary>200 <c>{}</c>: success left out, as protojson does with false.</summary>
    Omitted,

    /// <summary>200 <c>{"success":false}</c>.</summary>
    False,
}
