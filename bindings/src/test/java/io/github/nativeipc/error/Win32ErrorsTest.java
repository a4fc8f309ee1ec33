package io.github.nativeipc.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.nativeipc.bindings.windows.Win32Error;
import org.junit.jupiter.api.Test;

/**
 * Win32 error codes map into the same hierarchy as errno, with the code's name, number and text
 * in the message. Pure Java: runs on any OS (the codes come from real calls in the Windows tests).
 */
class Win32ErrorsTest {

    private static IpcException of(int code) {
        return Errors.fromWin32(code, "op(x)", "x", null, null);
    }

    @Test
    void alreadyExistsNamesTheOperationTheCodeAndTheText() {
        IpcException e = Errors.fromWin32(183, "CreateSemaphoreW(NULL, 0, 1, Local\\s)", "Local\\s", null, null);
        assertInstanceOf(AlreadyExistsException.class, e);
        assertEquals("CreateSemaphoreW(NULL, 0, 1, Local\\s): ERROR_ALREADY_EXISTS (183) "
                + "Cannot create a file when that file already exists.", e.getMessage());
        assertEquals(183, e.errno());
        assertEquals("ERROR_ALREADY_EXISTS", e.errnoName());
        assertEquals("Local\\s", e.object());
    }

    @Test
    void notFoundCodes() {
        assertInstanceOf(NotFoundException.class, of(2));
        assertInstanceOf(NotFoundException.class, of(3));
    }

    @Test
    void aMissingWorkingDirectoryIsNotFoundAndANonProgramAnInvalidArgument() {
        assertInstanceOf(NotFoundException.class, of(267));          // ERROR_DIRECTORY
        assertInstanceOf(InvalidArgumentException.class, of(193));  // ERROR_BAD_EXE_FORMAT
        assertInstanceOf(LimitReachedException.class, of(122));     // ERROR_INSUFFICIENT_BUFFER
    }

    @Test
    void accessDeniedAndNotOwnerArePermissionDenied() {
        assertInstanceOf(PermissionDeniedException.class, of(5));
        assertInstanceOf(PermissionDeniedException.class, of(288));
    }

    @Test
    void busyPipesAndTimeoutsWouldBlock() {
        assertInstanceOf(WouldBlockException.class, of(231));   // ERROR_PIPE_BUSY
        assertInstanceOf(WouldBlockException.class, of(258));   // WAIT_TIMEOUT
        assertInstanceOf(WouldBlockException.class, of(121));   // ERROR_SEM_TIMEOUT
    }

    @Test
    void endedPipesAreBrokenPipes() {
        assertInstanceOf(BrokenPipeException.class, of(109));   // ERROR_BROKEN_PIPE
        assertInstanceOf(BrokenPipeException.class, of(232));   // ERROR_NO_DATA
        assertInstanceOf(BrokenPipeException.class, of(233));   // ERROR_PIPE_NOT_CONNECTED
    }

    @Test
    void anAbandonedWaitIsOwnerDied() {
        assertInstanceOf(OwnerDiedException.class, of(735));
    }

    @Test
    void eownerdeadIsOwnerDiedToo() {
        assertInstanceOf(OwnerDiedException.class, Errors.fromErrno(io.github.nativeipc.bindings.Errno.EOWNERDEAD.value(), "op", "x"));
    }

    @Test
    void limitsAbortsAndBadArguments() {
        assertInstanceOf(LimitReachedException.class, of(298));   // ERROR_TOO_MANY_POSTS
        assertInstanceOf(LimitReachedException.class, of(234));   // ERROR_MORE_DATA
        assertInstanceOf(ClosedException.class, of(995));         // ERROR_OPERATION_ABORTED
        assertInstanceOf(ClosedException.class, of(6));           // ERROR_INVALID_HANDLE
        assertInstanceOf(InvalidArgumentException.class, of(87)); // ERROR_INVALID_PARAMETER
        assertInstanceOf(InvalidArgumentException.class, of(123)); // ERROR_INVALID_NAME
        assertInstanceOf(NotSupportedException.class, of(50));
    }

    @Test
    void anUnknownCodeKeepsItsNumberAndTheSystemText() {
        IpcException e = Errors.fromWin32(4242, "op(x)", "x", "Some system text.", "a detail");
        assertEquals(IpcException.class, e.getClass());
        assertEquals("ERROR_4242", e.errnoName());
        assertEquals("op(x): ERROR_4242 (4242) Some system text. -- a detail", e.getMessage());
        assertNull(Win32Error.of(4242));
    }

    @Test
    void everyCodeInTheTableHasOneName() {
        for (Win32Error w : Win32Error.values()) {
            assertEquals(w, Win32Error.of(w.code()));
            assertEquals(w.name(), Win32Error.nameOf(w.code()));
        }
    }
}
