using System.Text.Json.Serialization;

namespace TestDataAgent.Benchmarks.Baseline;

public enum PaymentMethod
{
    [JsonStringEnumMemberName("credit_card")] CreditCard,
    [JsonStringEnumMemberName("paypal")] PayPal,
    [JsonStringEnumMemberName("apple_pay")] ApplePay,
    [JsonStringEnumMemberName("google_pay")] GooglePay,
    [JsonStringEnumMemberName("gift_card")] GiftCard,
}
