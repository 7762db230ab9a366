/**
 * Microsoft.PowerShell.Security: ConvertTo-SecureString -AsPlainText -Force, the way every Key Vault
 * tutorial makes the -SecretValue of Set-AzKeyVaultSecret. Without -AsPlainText, 5.1 expects an
 * encrypted standard string (DPAPI), which no learner here has; that form says so.
 */
import { arg, type CmdletDef } from '../../engine/cmdlet';
import { toPsString } from '../../runtime/conversions';
import { secureString } from '../../runtime/secure-string';

export const convertToSecureString: CmdletDef = {
  name: 'ConvertTo-SecureString',
  className: 'Microsoft.PowerShell.Commands.ConvertToSecureStringCommand',
  synopsis: 'Converts plain text or encrypted strings to secure strings.',
  params: [
    { name: 'String', type: 'object', position: 0, mandatory: true, fromPipeline: true },
    { name: 'AsPlainText', type: 'switch' },
    { name: 'Force', type: 'switch' },
    { name: 'Key', type: 'object' },
    { name: 'SecureKey', type: 'object' },
  ],
  async run(call) {
    const inputs = arg(call, 'String') !== undefined ? [arg(call, 'String')] : (call.input ?? []);
    if (arg(call, 'AsPlainText') !== true) {
      return call.fail({
        exceptionTypes: ['System.NotSupportedException'],
        message: 'ConvertTo-SecureString of an encrypted standard string (DPAPI or -Key) is not simulated here. Use -AsPlainText -Force.',
        category: 'NotImplemented',
        fullyQualifiedErrorId: 'NotSimulated',
      });
    }
    if (arg(call, 'Force') !== true) {
      // ConvertToSecureStringCommand: -AsPlainText without -Force (SecureStringCommands.resx ForceRequired).
      return call.fail({
        exceptionTypes: ['System.ArgumentException', 'System.SystemException'],
        message: 'The system cannot protect plain text input. To suppress this warning and convert the plain text to a SecureString, reissue the command specifying the Force parameter. For more information ,type: get-help ConvertTo-SecureString.',
        category: 'InvalidArgument',
        fullyQualifiedErrorId: 'ImportSecureString_ForceRequired',
      });
    }
    return inputs.map((v) => secureString(toPsString(v)));
  },
};
