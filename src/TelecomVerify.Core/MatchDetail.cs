namespace TelecomVerify
{
    /// <summary>The provider's match-detail code (<c>rescode</c>, asked for with detail=1).</summary>
    public enum MatchDetail
    {
        /// <summary>11</summary>
        Match,
        /// <summary>21</summary>
        NameMismatch,
        /// <summary>22</summary>
        IdCardMismatch,
        /// <summary>23</summary>
        NameAndIdCardMismatch,
        /// <summary>24, or a code the document does not list.</summary>
        Unknown,
    }
}
