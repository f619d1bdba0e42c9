using System.Globalization;
using Bogus;

namespace TestDataAgent.Benchmarks.Baseline;

/// <summary>
/// What a team would hand-write with Bogus's <see cref="Faker{T}"/> for our <c>user</c> and <c>order</c> records: the same
/// fields and nesting, plausible rules, totals computed in <c>FinishWith</c>. Seeded per instance (no global seed).
/// It does not guarantee unique IDs or emails, nor validate or score anything: that is what it is compared against.
/// </summary>
public static class BaselineFakers
{
    /// <summary>The reference instant our pipeline uses for seeded requests; dates lie before it.</summary>
    public static readonly DateTime ReferenceTime = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private const long YearSeconds = 365L * 24 * 3600;
    private const long MonthSeconds = 720L * 3600;

    private static readonly LoyaltyTier[] s_tiers = [LoyaltyTier.Bronze, LoyaltyTier.Silver, LoyaltyTier.Gold, LoyaltyTier.Platinum];
    private static readonly float[] s_tierWeights = [0.55f, 0.25f, 0.14f, 0.06f];
    private static readonly AddressLabel[] s_labels = [AddressLabel.Home, AddressLabel.Work, AddressLabel.Other];
    private static readonly float[] s_labelWeights = [0.6f, 0.3f, 0.1f];
    private static readonly PaymentMethod[] s_payments = [PaymentMethod.CreditCard, PaymentMethod.PayPal, PaymentMethod.ApplePay, PaymentMethod.GooglePay, PaymentMethod.GiftCard];
    private static readonly float[] s_paymentWeights = [0.5f, 0.2f, 0.12f, 0.1f, 0.08f];
    private static readonly OrderStatus[] s_statuses = [OrderStatus.Pending, OrderStatus.Confirmed, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Cancelled];
    private static readonly float[] s_statusWeights = [0.15f, 0.2f, 0.2f, 0.4f, 0.05f];
    private static readonly int[] s_quantities = [1, 2, 3, 4, 5];
    private static readonly float[] s_quantityWeights = [0.55f, 0.25f, 0.1f, 0.06f, 0.04f];
    private static readonly decimal[] s_shippingCosts = [0m, 4.99m, 5.99m, 7.99m, 9.99m, 14.99m, 24.99m];
    private static readonly string[] s_skuPrefixes = ["BEA", "ELE", "HOM", "KIT", "SPO", "TOY", "BOO", "GAR"];

    public static Faker<BaselineUser> Users(int seed)
    {
        var addresses = new Faker<BaselineSavedAddress>("en")
            .UseSeed(seed + 1)
            .RuleFor(a => a.Label, f => f.Random.WeightedRandom(s_labels, s_labelWeights))
            .RuleFor(a => a.Street, f => f.Address.StreetAddress())
            .RuleFor(a => a.City, f => f.Address.City())
            .RuleFor(a => a.State, f => f.Address.StateAbbr())
            .RuleFor(a => a.Zip, f => f.Address.ZipCode("#####"))
            .RuleFor(a => a.Country, "US");

        return new Faker<BaselineUser>("en")
            .UseSeed(seed)
            .RuleFor(u => u.UserId, f => f.Random.Replace("USR-#######"))
            .RuleFor(u => u.FirstName, f => f.Name.FirstName())
            .RuleFor(u => u.LastName, f => f.Name.LastName())
            .RuleFor(u => u.Email, (f, u) => f.Internet.Email(u.FirstName, u.LastName))
            .RuleFor(u => u.Phone, f => f.Phone.PhoneNumber("###-###-####").OrNull(f, 0.2f))
            .RuleFor(u => u.Addresses, f => addresses.Generate(f.Random.Number(1, 3)))
            .RuleFor(u => u.LoyaltyTier, f => f.Random.WeightedRandom(s_tiers, s_tierWeights))
            .RuleFor(u => u.CreatedAt, f => ReferenceTime.AddSeconds(-f.Random.Long(0, YearSeconds)))
            .RuleFor(u => u.LastLogin, (f, u) => f.Random.Bool(0.8f) ? u.CreatedAt.AddSeconds(f.Random.Long(0, (long)(ReferenceTime - u.CreatedAt).TotalSeconds)) : null)
            .RuleFor(u => u.Index, f => f.IndexFaker)
            .FinishWith((f, u) =>
            {
                var chosen = f.Random.Number(0, u.Addresses.Count - 1);
                for (var i = 0; i < u.Addresses.Count; i++)
                {
                    u.Addresses[i].IsDefault = i == chosen;
                }
            });
    }

    public static Faker<BaselineOrder> Orders(int seed)
    {
        var items = new Faker<BaselineOrderItem>("en")
            .UseSeed(seed + 1)
            .RuleFor(i => i.Sku, f => string.Create(CultureInfo.InvariantCulture, $"{f.PickRandom(s_skuPrefixes)}-{f.Random.Number(100000, 999999)}"))
            .RuleFor(i => i.Name, f => f.Commerce.ProductName())
            .RuleFor(i => i.Quantity, f => f.Random.WeightedRandom(s_quantities, s_quantityWeights))
            .RuleFor(i => i.Price, f => Math.Round(f.Random.Decimal(1m, 300m), 2));

        var addresses = new Faker<BaselinePostalAddress>("en")
            .UseSeed(seed + 2)
            .RuleFor(a => a.Street, f => f.Address.StreetAddress())
            .RuleFor(a => a.City, f => f.Address.City())
            .RuleFor(a => a.State, f => f.Address.StateAbbr())
            .RuleFor(a => a.Zip, f => f.Address.ZipCode("#####"))
            .RuleFor(a => a.Country, "US");

        return new Faker<BaselineOrder>("en")
            .UseSeed(seed)
            .RuleFor(o => o.OrderId, f => f.Random.Replace("ORD-2026-#######"))
            .RuleFor(o => o.CustomerId, f => f.Random.Replace("USR-#######"))
            .RuleFor(o => o.Items, f => items.Generate(f.Random.Number(1, 6)))
            .RuleFor(o => o.ShippingAddress, _ => addresses.Generate())
            .RuleFor(o => o.BillingAddress, f => f.Random.Bool(0.5f) ? addresses.Generate() : null)
            .RuleFor(o => o.PaymentMethod, f => f.Random.WeightedRandom(s_payments, s_paymentWeights))
            .RuleFor(o => o.Status, f => f.Random.WeightedRandom(s_statuses, s_statusWeights))
            .RuleFor(o => o.Shipping, f => f.PickRandom(s_shippingCosts))
            .RuleFor(o => o.CreatedAt, f => ReferenceTime.AddSeconds(-f.Random.Long(MonthSeconds, YearSeconds + MonthSeconds)))
            .RuleFor(o => o.UpdatedAt, (f, o) => o.CreatedAt.AddSeconds(f.Random.Long(0, MonthSeconds)))
            .RuleFor(o => o.Index, f => f.IndexFaker)
            .FinishWith((f, o) =>
            {
                o.Subtotal = Math.Round(o.Items.Sum(i => i.Quantity * i.Price), 2, MidpointRounding.AwayFromZero);
                o.Tax = Math.Round(o.Subtotal * (decimal)f.Random.Double(0.05, 0.10), 2, MidpointRounding.AwayFromZero);
                o.Discount = f.Random.Bool(0.3f) ? Math.Round(o.Subtotal * (decimal)f.Random.Double(0.05, 0.20), 2, MidpointRounding.AwayFromZero) : 0m;
                o.Total = o.Subtotal + o.Tax + o.Shipping - o.Discount;
            });
    }
}
