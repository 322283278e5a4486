using PropertyPortal.Web.Features.Notifications;

namespace PropertyPortal.UnitTests.Features;

/// <summary>Alibaba Cloud's RPC signature against the worked examples of its own documentation.</summary>
public sealed class AliyunSignatureTests
{
    /// <summary>The SMS documentation's SendSms example (GET, AccessKeySecret "testSecret").</summary>
    private static readonly Dictionary<string, string> SendSmsExample = new()
    {
        ["AccessKeyId"] = "testId",
        ["Action"] = "SendSms",
        ["Format"] = "XML",
        ["OutId"] = "123",
        ["PhoneNumbers"] = "15300000001",
        ["RegionId"] = "cn-hangzhou",
        ["SignName"] = "阿里云短信测试专用",
        ["SignatureMethod"] = "HMAC-SHA1",
        ["SignatureNonce"] = "45e25e9b-0a6f-4070-8c85-2956eda1b466",
        ["SignatureVersion"] = "1.0",
        ["TemplateCode"] = "SMS_71390007",
        ["TemplateParam"] = "{\"customer\":\"test\"}",
        ["Timestamp"] = "2017-07-12T02:42:19Z",
        ["Version"] = "2017-05-25",
    };

    [Fact]
    public void The_SMS_documentations_SendSms_example_signs_to_its_published_signature()
    {
        Assert.Equal(
            "GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou"
            + "%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8"
            + "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007"
            + "%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25",
            AliyunSignature.StringToSign("GET", SendSmsExample));
        Assert.Equal("zJDF+Lrzhj/ThnlvIToysFRq6t4=", AliyunSignature.Sign("GET", SendSmsExample, "testSecret"));
    }

    [Fact]
    public void The_RPC_documentations_DescribeRegions_example_signs_to_its_published_signature()
    {
        var parameters = new Dictionary<string, string>
        {
            ["Format"] = "XML",
            ["AccessKeyId"] = "testid",
            ["Action"] = "DescribeRegions",
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
            ["SignatureVersion"] = "1.0",
            ["Version"] = "2014-05-26",
            ["Timestamp"] = "2016-02-23T12:46:24Z",
        };
        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", AliyunSignature.Sign("GET", parameters, "testsecret"));
    }

    [Fact]
    public void A_Signature_parameter_already_present_is_not_signed()
    {
        var signed = new Dictionary<string, string>(SendSmsExample) { ["Signature"] = "anything" };
        Assert.Equal(AliyunSignature.Sign("GET", SendSmsExample, "testSecret"), AliyunSignature.Sign("GET", signed, "testSecret"));
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("*", "%2A")]
    [InlineData("~-_.", "~-_.")]
    [InlineData("/=&+", "%2F%3D%26%2B")]
    [InlineData("派", "%E6%B4%BE")]
    public void Percent_encoding_follows_RFC_3986_as_the_API_wants(string value, string encoded) =>
        Assert.Equal(encoded, AliyunSignature.PercentEncode(value));
}
