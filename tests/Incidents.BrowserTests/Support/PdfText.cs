using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Incidents.BrowserTests.Support;

/// <summary>
/// Just enough PDF reading to find a word in what Chromium prints, without a PDF library (and without poppler's
/// pdftotext, which this machine does not have): inflate every Flate stream, read each font's ToUnicode CMap
/// (<c>bfchar</c> and <c>bfrange</c>, two-byte codes as Chromium writes them), and decode the hex strings of the
/// content streams with each CMap in turn. A run of text set in one font comes out whole with its own CMap.
/// </summary>
public static partial class PdfText
{
    /// <summary>Pages in the document (<c>/Type /Page</c> objects).</summary>
    public static int PageCount(byte[] pdf) => PageObject().Matches(Encoding.Latin1.GetString(pdf)).Count;

    /// <summary>The text of every content stream, decoded once per font's CMap (so each candidate is one string).</summary>
    public static IReadOnlyList<string> Candidates(byte[] pdf)
    {
        var streams = Streams(pdf).ToList();
        var cmaps = streams.Where(s => s.Contains("beginbfchar", StringComparison.Ordinal) || s.Contains("beginbfrange", StringComparison.Ordinal))
            .Select(ReadCMap).ToList();
        var contents = streams.Where(s => s.Contains("Tj", StringComparison.Ordinal) || s.Contains("TJ", StringComparison.Ordinal)).ToList();
        var texts = new List<string>();
        foreach (var content in contents)
        {
            var codes = HexString().Matches(content).Select(m => m.Groups[1].Value).ToList();
            foreach (var cmap in cmaps)
            {
                var text = new StringBuilder();
                foreach (var hex in codes)
                {
                    for (var n = 0; n + 4 <= hex.Length; n += 4)
                    {
                        text.Append(cmap.TryGetValue(Convert.ToInt32(hex.Substring(n, 4), 16), out var s) ? s : "\uFFFD");
                    }
                }

                texts.Add(text.ToString());
            }
        }

        return texts;
    }

    public static bool Contains(byte[] pdf, string text) => Candidates(pdf).Any(c => c.Contains(text, StringComparison.Ordinal));

    private static IEnumerable<string> Streams(byte[] pdf)
    {
        var latin = Encoding.Latin1.GetString(pdf);
        foreach (Match m in StreamBody().Matches(latin))
        {
            var start = m.Index + m.Length;
            var end = latin.IndexOf("endstream", start, StringComparison.Ordinal);
            if (end < 0)
            {
                yield break;
            }

            var body = pdf.AsSpan(start, end - start).ToArray();
            string? text;
            try
            {
                using var inflated = new ZLibStream(new MemoryStream(body), CompressionMode.Decompress);
                using var output = new MemoryStream();
                inflated.CopyTo(output);
                text = Encoding.Latin1.GetString(output.ToArray());
            }
            catch (InvalidDataException)
            {
                text = null;
            }

            if (text is not null)
            {
                yield return text;
            }
        }
    }

    private static Dictionary<int, string> ReadCMap(string cmap)
    {
        var map = new Dictionary<int, string>();
        foreach (Match block in BfChar().Matches(cmap))
        {
            foreach (Match pair in Pair().Matches(block.Groups[1].Value))
            {
                map[Convert.ToInt32(pair.Groups[1].Value, 16)] = Unicode(pair.Groups[2].Value);
            }
        }

        foreach (Match block in BfRange().Matches(cmap))
        {
            foreach (Match range in Range().Matches(block.Groups[1].Value))
            {
                var from = Convert.ToInt32(range.Groups[1].Value, 16);
                var to = Convert.ToInt32(range.Groups[2].Value, 16);
                var first = Convert.ToInt32(range.Groups[3].Value, 16);
                for (var code = from; code <= to && code - from < 65536; code++)
                {
                    map[code] = char.ConvertFromUtf32(first + (code - from));
                }
            }
        }

        return map;
    }

    private static string Unicode(string hex)
    {
        var text = new StringBuilder();
        for (var n = 0; n + 4 <= hex.Length; n += 4)
        {
            text.Append((char)Convert.ToInt32(hex.Substring(n, 4), 16));
        }

        return text.ToString();
    }

    [GeneratedRegex(@"/Type\s*/Page[^s]")]
    private static partial Regex PageObject();

    [GeneratedRegex(@"stream\r?\n")]
    private static partial Regex StreamBody();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>")]
    private static partial Regex HexString();

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfChar();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex Pair();

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRange();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex Range();
}
