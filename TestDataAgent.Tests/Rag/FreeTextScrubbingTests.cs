using TestDataAgent.Generators.Rag;

namespace TestDataAgent.Tests.Rag;

/// <summary>Personal data inside free text (descriptions, comments) is masked by pattern before a pattern is stored.</summary>
public sealed class FreeTextScrubbingTests
{
    public static TheoryData<string, string, string> Personal => new()
    {
        { "email", "write to margaret.oconnell@gmail.com today", "margaret.oconnell@gmail.com" },
        { "IBAN grouped", "refund to DE89 3704 0044 0532 0130 00 please", "DE89 3704" },
        { "IBAN packed", "account GB82WEST12345698765432 on file", "GB82WEST12345698765432" },
        { "card", "paid with 4111 1111 1111 1111 yesterday", "4111 1111 1111 1111" },
        { "SSN", "her SSN is 078-05-1120, verified", "078-05-1120" },
        { "phone with country code", "call +1 415 867 5309 after six", "867 5309" },
        { "phone with area code", "call (415) 867-5309 after six", "867-5309" },
        { "German phone", "Rückruf unter 030 1234 5678 erbeten", "1234 5678" },
        { "street address", "deliver to 742 Evergreen Terrace by noon", "742 Evergreen Terrace" },
        { "titled name", "complaint from Mrs. Alvarez-Smith about the lid", "Alvarez-Smith" },
    };

    [Theory]
    [MemberData(nameof(Personal))]
    public void PersonalDataInFreeTextIsMasked(string kind, string text, string personal)
    {
        var masked = PersonalDataScrubber.MaskFreeText(text);

        Assert.False(masked.Contains(personal, StringComparison.Ordinal), $"{kind} kept: {masked}");
    }

    [Theory]
    [InlineData("Order ORD-2024-1234567 shipped on 2024-05-01 at 10:30, 3 items for $129.99")]
    [InlineData("The lid cracked after 2 weeks; 4 out of 5 stars; size 10.5 fits")]
    [InlineData("SKU PRD-0000042 back in stock, version 2.10.3")]
    public void TextWithoutPersonalDataIsKeptAsItIs(string text) =>
        Assert.Equal(text, PersonalDataScrubber.MaskFreeText(text));
}
