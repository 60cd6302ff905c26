/**
 * Commit signatures as git makes and checks them: which key git's configuration names
 * (SSH or OpenPGP), signing a stage commit with it (JGit's SSH signer, or the gpg program), and
 * verifying signatures against the allowed signers.
 */
package io.gitmodel.registry.internal.sign;
