using System;
using System.Runtime.InteropServices;
using System.Security;

namespace S3M.Tokens;

/// <summary>Secrets in and out of SecureString, and nowhere else as plain text for longer than one use.</summary>
internal static class SecureText
{
    /// <summary>A read-only SecureString of <paramref name="text"/>; null for null or empty.</summary>
    public static SecureString? From(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var secure = new SecureString();
        foreach (var c in text!)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>The text of <paramref name="secure"/>; throws ObjectDisposedException when it was disposed.</summary>
    public static string Reveal(SecureString secure)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            return Marshal.PtrToStringUni(pointer) ?? "";
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
