namespace TelecomVerify.Protocol
{
    /// <summary>A response that parsed as the document describes it.</summary>
    internal sealed class JuheReply
    {
        public int ErrorCode { get; set; }
        public string Reason { get; set; }
        /// <summary>Present exactly when <see cref="ErrorCode"/> is 0.</summary>
        public JuheQueryResult Result { get; set; }
    }

    internal sealed class JuheQueryResult
    {
        public string OrderId { get; set; }
        /// <summary>1 match, 2 mismatch.</summary>
        public int Res { get; set; }
        public string ResMessage { get; set; }
        /// <summary>With detail=1: 11, 21, 22, 23 or 24.</summary>
        public string ResCode { get; set; }
    }
}
