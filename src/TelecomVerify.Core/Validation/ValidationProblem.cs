using TelecomVerify.Resources;

namespace TelecomVerify.Validation
{
    /// <summary>Why a value will certainly be refused, said so that a person can fix the row.</summary>
    internal sealed class ValidationProblem
    {
        public ValidationProblem(IdentityField field, string message)
        {
            Field = field;
            Message = message;
        }

        public IdentityField Field { get; }
        public string Message { get; }

        public override string ToString() => Text.Format(Messages.Problem, Text.Field(Field), Message);
    }
}
