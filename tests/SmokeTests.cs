using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests;

public class SmokeTests
{
    [SkippableFact]
    public void Llama3_tokenizer_loads_from_the_shared_model_file()
    {
        var tokenizer = Llama3Tokenizer.FromTiktokenFile(Shared.Llama3TokenizerModel);
        Assert.Equal([9906, 1917], tokenizer.Encode("Hello world"));
    }
}
