using Sessions.Grains.Abstractions.Users;

namespace Sessions.Tests.Web;

/// <summary>The one rule for names a person reads (<see cref="DisplayText"/>; docs/threat-model.md, B24).</summary>
public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("laptop")]
    [InlineData("Zoë's laptop")]
    [InlineData("ノートパソコン")]
    [InlineData("هاتف سارة")]                       // right-to-left text is fine; only the controls that reorder it are not
    [InlineData("deploy 🚀")]                       // a surrogate pair
    [InlineData("e\u0301 and n\u0303")]             // combining marks
    [InlineData("\u2764\uFE0F")]                    // a variation selector (Mn)
    [InlineData("a\u00A0b\u3000c")]                 // no-break and ideographic spaces
    public void TextThatDisplaysAsItselfIsDisplayable(string text) => Assert.True(DisplayText.IsDisplayable(text));

    [Theory]
    [InlineData("\u202Egpj.exe")]
    [InlineData("a\u2067b")]
    [InlineData("zero\u200Bwidth")]
    [InlineData("\uFEFFbom")]
    [InlineData("tab\there")]
    [InlineData("line\u2028break")]
    [InlineData("\uF8FF")]
    [InlineData("\U000F0000")]                      // supplementary private use, as a pair
    [InlineData("\u0378")]
    public void TextHidingItsCharactersIsNot(string text) => Assert.False(DisplayText.IsDisplayable(text));

    [Fact]
    public void ALoneSurrogateIsNotDisplayable()
    {
        // Built here rather than in theory data, which cannot carry a lone surrogate through its serialisation.
        Assert.False(DisplayText.IsDisplayable("lone " + (char)0xD83D));
        Assert.False(DisplayText.IsDisplayable((char)0xDE80 + " backwards"));
    }

    [Fact]
    public void DroppingKeepsWhatDisplaysTrimsAndNeverSplitsAPair()
    {
        Assert.Equal("Mozilla (X11)", DisplayText.Displayable("  Mozilla\u202E (X11)\u200F\uD800 ", 64));
        Assert.Equal("ab", DisplayText.Displayable("ab🚀", 3));
        Assert.Equal("ab🚀", DisplayText.Displayable("ab🚀", 4));
        Assert.Null(DisplayText.Displayable("\u202E\u2066", 64));
        Assert.Null(DisplayText.Displayable("   ", 64));
    }
}
