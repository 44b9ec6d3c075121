using System.IO.Compression;
using System.Text;

namespace Incidents.Domain.Evidence;

/// <summary>The kinds of file accepted as evidence. Each is recognised by its content, never by its name.</summary>
public enum EvidenceType
{
    Pdf,
    Png,
    Jpeg,
    Docx,
    Xlsx,
    Msg,
    Eml,
    Text,
    Csv,
}

public static class EvidenceTypes
{
    public const string Refusal = "The selected file must be a PDF, PNG, JPEG, Word document (DOCX), Excel workbook (XLSX), Outlook message (MSG), email (EML), text (TXT) or CSV file.";

    public static string ContentType(this EvidenceType type) => type switch
    {
        EvidenceType.Pdf => "application/pdf",
        EvidenceType.Png => "image/png",
        EvidenceType.Jpeg => "image/jpeg",
        EvidenceType.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        EvidenceType.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        EvidenceType.Msg => "application/vnd.ms-outlook",
        EvidenceType.Eml => "message/rfc822",
        EvidenceType.Csv => "text/csv; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };

    public static string[] Extensions(this EvidenceType type) => type switch
    {
        EvidenceType.Pdf => [".pdf"],
        EvidenceType.Png => [".png"],
        EvidenceType.Jpeg => [".jpg", ".jpeg"],
        EvidenceType.Docx => [".docx"],
        EvidenceType.Xlsx => [".xlsx"],
        EvidenceType.Msg => [".msg"],
        EvidenceType.Eml => [".eml"],
        EvidenceType.Csv => [".csv"],
        _ => [".txt"],
    };

    public static string Describe(this EvidenceType type) => type switch
    {
        EvidenceType.Docx => "Word document",
        EvidenceType.Xlsx => "Excel workbook",
        EvidenceType.Msg => "Outlook message",
        EvidenceType.Eml => "Email",
        EvidenceType.Text => "Text",
        EvidenceType.Csv => "CSV",
        _ => type.ToString().ToUpperInvariant(),
    };

    /// <summary>
    /// The type of <paramref name="content"/>, or null when it is none of the accepted ones. Binary formats by their
    /// signature (and, for DOCX and XLSX, the main part named in the package's <c>[Content_Types].xml</c>; for MSG, the
    /// property stream every Outlook message has inside its compound file). Text (UTF-8 without NUL or other control
    /// characters, and not HTML or SVG) is an email when it begins with mail headers, CSV when the name says so, else text.
    /// </summary>
    public static EvidenceType? Detect(byte[] content, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ReadOnlySpan<byte> bytes = content;
        if (bytes.Length == 0)
        {
            return null;
        }

        if (bytes.StartsWith("%PDF-"u8))
        {
            return EvidenceType.Pdf;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return EvidenceType.Png;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return EvidenceType.Jpeg;
        }

        if (bytes.StartsWith("PK\x03\x04"u8))
        {
            return OfficeOpenXml(content);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            // Word 97 documents and Excel 97 workbooks are compound files too: only an Outlook message has this stream.
            return bytes.IndexOf(Encoding.Unicode.GetBytes("__properties_version1.0")) >= 0 ? EvidenceType.Msg : null;
        }

        return Text(bytes, fileName);
    }

    private static EvidenceType? OfficeOpenXml(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var types = zip.GetEntry("[Content_Types].xml");
            if (types is null || types.Length > 1024 * 1024)
            {
                return null;
            }

            using var reader = new StreamReader(types.Open(), Encoding.UTF8);
            var xml = reader.ReadToEnd();
            if (xml.Contains("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", StringComparison.Ordinal))
            {
                return EvidenceType.Docx;
            }

            if (xml.Contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", StringComparison.Ordinal))
            {
                return EvidenceType.Xlsx;
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static readonly string[] MailHeaders =
        ["From:", "To:", "Subject:", "Date:", "Received:", "Return-Path:", "Message-ID:", "MIME-Version:", "Delivered-To:", "Reply-To:", "Sender:", "Cc:", "X-"];

    private static EvidenceType? Text(ReadOnlySpan<byte> bytes, string? fileName)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n' or '\f'))
            {
                return null;
            }
        }

        var start = text.TrimStart();
        if (start.StartsWith('<') && (start.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<svg", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<script", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var firstLine = text.Split('\n', 2)[0];
        if (MailHeaders.Any(h => firstLine.StartsWith(h, StringComparison.OrdinalIgnoreCase)) && (text.Contains("\r\n\r\n", StringComparison.Ordinal) || text.Contains("\n\n", StringComparison.Ordinal)))
        {
            return EvidenceType.Eml;
        }

        return string.Equals(Path.GetExtension(fileName ?? string.Empty), ".csv", StringComparison.OrdinalIgnoreCase) ? EvidenceType.Csv : EvidenceType.Text;
    }

    /// <summary>The name it is stored and downloaded under: the last path segment, one line, at most
    /// <see cref="Attachment.FileNameMaxLength"/> characters, ending with an extension of its real type.</summary>
    public static string SafeFileName(string fileName, EvidenceType type)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or ':' or '|' or '?' or '*')).ToArray()).Trim().Trim('.');
        if (name.Length == 0)
        {
            name = "evidence";
        }

        var extensions = type.Extensions();
        if (!extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            name += extensions[0];
        }

        if (name.Length > Attachment.FileNameMaxLength)
        {
            var extension = Path.GetExtension(name);
            name = name[..(Attachment.FileNameMaxLength - extension.Length)] + extension;
        }

        return name;
    }
}
