package dev.stalecheck.scenario;

import dev.stalecheck.program.Op;
import java.util.List;

/** An operation as written inside a {@code thread} or {@code macro}, before macros and loops are expanded. */
sealed interface Stmt {
    /** Where it starts. */
    SourcePosition pos();

    /** {@code [r =] load[.W] [A]}. */
    record Load(String register, int width, Expr address, SourcePosition pos) implements Stmt {
    }

    /** {@code store[.W] [A] = E}. */
    record Store(int width, Expr address, Expr value, SourcePosition pos) implements Stmt {
    }

    /** {@code wait[.W] [A] == V}. */
    record Wait(int width, Expr address, Expr value, SourcePosition pos) implements Stmt {
    }

    /** {@code r = fetch [A]}. */
    record Fetch(String register, Expr address, SourcePosition pos) implements Stmt {
    }

    /** {@code r = translate [A]}. */
    record Translate(String register, Expr address, SourcePosition pos) implements Stmt {
    }

    /** {@code dc cvac|civac|ivac|cvau|cvap|zva [A]}. */
    record DcByAddress(Op.DcKind kind, Expr address, SourcePosition pos) implements Stmt {
    }

    /** {@code dc csw|cisw|isw LEVEL, SET, WAY}. */
    record DcSetWay(Op.LineAction action, String level, Expr set, Expr way, SourcePosition pos) implements Stmt {
    }

    /** {@code dc call|ciall|iall LEVEL}. */
    record DcLevel(Op.LineAction action, String level, SourcePosition pos) implements Stmt {
    }

    /** {@code ic ivau [A]}, {@code ic iallu}, {@code ic ialluis}. */
    record Ic(Op.IcKind kind, Expr address, SourcePosition pos) implements Stmt {
    }

    /** {@code outer clean|inv|flush [PA]}, {@code outer flush-all}. */
    record Outer(Op.OuterKind kind, Expr address, SourcePosition pos) implements Stmt {
    }

    /** A TLB invalidate: kind, address (for va), ASID as a number or a table name (for asid), broadcast. */
    record Tlbi(Op.TlbiKind kind, Expr address, Token asid, boolean broadcast, SourcePosition pos) implements Stmt {
    }

    /** {@code smmu tlbi NAME va [IOVA]}, {@code smmu tlbi NAME asid} or {@code smmu tlbi NAME all} (address null). */
    record SmmuTlbi(Token smmu, Op.SmmuTlbiKind kind, Expr address, SourcePosition pos) implements Stmt {
    }

    /** A barrier, kept as its text. */
    record Barrier(String text, SourcePosition pos) implements Stmt {
    }

    /** {@code caches|mmu|icache on|off}. */
    record Control(Op.ControlBit bit, boolean on, SourcePosition pos) implements Stmt {
    }

    /** {@code NAME(args)}. */
    record Call(String macro, List<Expr> args, SourcePosition pos) implements Stmt {
    }

    /** {@code for v in E1 .. E2 [step E3] { ops }}. */
    record For(String variable, Expr from, Expr to, Expr step, List<Stmt> body, SourcePosition pos) implements Stmt {
    }
}
