using System.Text;
using Incidents.Domain.Evidence;

namespace Incidents.UnitTests.Domain.Evidence;

public sealed class EvidenceTypeTests
{
    [Theory]
    [InlineData("%PDF-1.4\n", "x.exe", EvidenceType.Pdf)]
    [InlineData("plain words\nsecond line\n", "notes.txt", EvidenceType.Text)]
    [InlineData("a,b\n1,2\n", "list.CSV", EvidenceType.Csv)]
    [InlineData("a,b\n1,2\n", "list.txt", EvidenceType.Text)]
    [InlineData("Received: from mx\r\nFrom: a@b\r\n\r\nbody", "x.eml", EvidenceType.Eml)]
    [InlineData("From: not really mail", "x.eml", EvidenceType.Text)]
    public void Text_and_pdf_are_told_by_their_content(string content, string name, EvidenceType expected) =>
        Assert.Equal(expected, EvidenceTypes.Detect(Encoding.UTF8.GetBytes(content), name));

    [Theory]
    [InlineData("MZ\u0090\u0000", "setup.pdf")]
    [InlineData("\u007fELF", "run.txt")]
    [InlineData("<!DOCTYPE html><p>hi", "page.txt")]
    [InlineData("  <svg onload=alert(1)>", "x.png")]
    [InlineData("<?xml version=\"1.0\"?><svg/>", "x.txt")]
    [InlineData("GIF89a\u0001\u0000", "x.png")]
    [InlineData("", "empty.txt")]
    public void Anything_else_is_refused_whatever_its_name(string content, string name) =>
        Assert.Null(EvidenceTypes.Detect(Encoding.UTF8.GetBytes(content), name));

    [Fact]
    public void Text_that_is_not_utf8_is_refused() =>
        Assert.Null(EvidenceTypes.Detect([0x48, 0x69, 0xFF, 0xFE, 0x00], "x.txt"));

    [Fact]
    public void A_zip_that_is_not_an_office_document_is_refused() =>
        Assert.Null(EvidenceTypes.Detect([.. "PK\u0003\u0004"u8, .. new byte[30]], "x.docx"));

    [Theory]
    [InlineData("C:\\Users\\me\\letter.pdf", EvidenceType.Pdf, "letter.pdf")]
    [InlineData("../../etc/passwd", EvidenceType.Text, "passwd.txt")]
    [InlineData("report.exe", EvidenceType.Pdf, "report.exe.pdf")]
    [InlineData("a\r\nContent-Type: evil\".pdf", EvidenceType.Pdf, "aContent-Type evil.pdf")]
    [InlineData("...", EvidenceType.Png, "evidence.png")]
    [InlineData("photo.JPEG", EvidenceType.Jpeg, "photo.JPEG")]
    public void The_stored_name_is_one_safe_segment_with_the_real_types_extension(string sent, EvidenceType type, string expected) =>
        Assert.Equal(expected, EvidenceTypes.SafeFileName(sent, type));

    [Fact]
    public void A_long_name_is_cut_keeping_its_extension()
    {
        var name = EvidenceTypes.SafeFileName(new string('a', 500) + ".pdf", EvidenceType.Pdf);
        Assert.Equal(Attachment.FileNameMaxLength, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hash_is_the_lower_case_sha256_of_the_bytes()
    {
        var attachment = new Attachment(Guid.NewGuid(), Guid.NewGuid(), "a.txt", EvidenceType.Text, "abc"u8.ToArray(), "u", "U", DateTimeOffset.UtcNow);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", attachment.Sha256);
        Assert.Equal(3, attachment.Size);
        Assert.Equal("text/plain; charset=utf-8", attachment.ContentType);
    }
}
